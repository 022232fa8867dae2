"""Drives Baton Console in a real browser (Debian's chromium through chromedriver, with
Selenium), against a running `baton serve` whose users include BATON_CONSOLE_USER.

The process is set up over the REST API. The browser then signs in, finds the approval
instance's waiting task outlined in the diagram, claims a task and completes it through its
form (an empty required field first, which must complete nothing), retries an incident, uploads
an invalid BPMN file and reads its diagnostic, and checks the pages on a phone-sized screen:
every control labelled, nothing wider than the screen, and no Content-Security-Policy violation.

Environment: BATON_BASE (http://127.0.0.1:PORT), BATON_CONSOLE_USER, BATON_CONSOLE_PASSWORD,
and CONSOLE_SCREENSHOTS, a folder for PNG screenshots (optional).
"""

import base64
import json
import os
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["BATON_BASE"].rstrip("/")
USER = os.environ["BATON_CONSOLE_USER"]
PASSWORD = os.environ["BATON_CONSOLE_PASSWORD"]
SHOTS = os.environ.get("CONSOLE_SCREENSHOTS")
HERE = os.path.dirname(os.path.abspath(__file__))
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def rest(method, path, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(BASE + "/engine-rest" + path, data=data, method=method)
    request.add_header("Authorization", AUTH)
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def deploy(path):
    boundary = "console-browser-test"
    with open(path, "rb") as file:
        content = file.read()
    name = os.path.basename(path)
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbrowser-test\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    status, answer = rest("POST", "/deployment/create", raw=body, content_type=f"multipart/form-data; boundary={boundary}")
    check(status == 200, f"deploying {name}: {status} {answer}")


def set_up():
    """An approval waiting in review, and a plan review whose external task has failed."""
    deploy(os.path.join(HERE, "review-form.bpmn"))
    status, approval = rest("POST", "/process-definition/key/benefit-approval/start", {
        "businessKey": "DRAFT-2027-001",
        "variables": {"draftId": {"value": "draft-2027-001"}, "planName": {"value": "Gold PPO 2027"}},
    })
    check(status == 200, f"starting the approval: {status} {approval}")
    status, review = rest("POST", "/process-definition/key/plan-review/start", {"businessKey": "PLAN-2027-GOLD"})
    check(status == 200, f"starting the plan review: {status} {review}")
    status, locked = rest("POST", "/external-task/fetchAndLock", {
        "workerId": "browser-test", "maxTasks": 1, "topics": [{"topicName": "notify-broker", "lockDuration": 60000}],
    })
    check(status == 200 and len(locked) == 1, f"locking the external task: {status} {locked}")
    status, _ = rest("POST", f"/external-task/{locked[0]['id']}/failure", {
        "workerId": "browser-test", "errorMessage": "The broker's endpoint refused the call", "retries": 0, "retryTimeout": 0,
    })
    check(status == 204, f"failing the external task: {status}")
    return approval["id"], review["id"]


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name))


def wait_for(driver, condition, message):
    try:
        # Generous: a bound on a shared, loaded machine (bcrypt at sign-in, a busy database), not a timing.
        # A page replaced while it is read (after a click that posts a form) leaves stale
        # elements behind, and the driver may report the frame it was reading detached: read
        # again rather than fail; an error that lasts still fails the wait after its minute.
        return WebDriverWait(driver, 60, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException, WebDriverException]).until(
            lambda d: condition(d))
    except Exception as error:
        # Name what stopped the wait: a timeout, or the driver's own error.
        raise Failure(
            f"{message} ({type(error).__name__}: {str(error)[:300]}); the page was {driver.current_url}:\n"
            f"{driver.find_element(By.TAG_NAME, 'main').text[:2000]}")


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def check_page(driver, page):
    """Every visible control has a label, nothing is wider than the window, and the browser
    reported no Content-Security-Policy violation (the stylesheet and diagram load without one)."""
    for control in driver.find_elements(By.CSS_SELECTOR, "input, select, textarea"):
        if control.get_attribute("type") == "hidden":
            continue
        ident = control.get_attribute("id")
        labelled = control.get_attribute("aria-label") or (ident and driver.find_elements(By.CSS_SELECTOR, f"label[for='{ident}']"))
        check(labelled, f"{page}: a {control.tag_name} named {control.get_attribute('name')!r} has no label")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    check(overflow <= 1, f"{page}: the page is {overflow} px wider than the window")
    violations = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    check(not violations, f"{page}: {violations}")


def main():
    approval, review = set_up()
    driver = browser()
    try:
        # Signing in: the console sends a stranger to its form, and back after it.
        driver.get(BASE + "/console")
        check("/console/sign-in" in driver.current_url, f"expected the sign-in form, got {driver.current_url}")
        check_page(driver, "sign-in")
        driver.find_element(By.ID, "user").send_keys(USER)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form.sign-in button[type=submit]").click()
        wait_for(driver, lambda d: heading(d) == "Processes", "signing in did not reach the dashboard")
        check("Benefit plan approval" in driver.page_source and "Plan review" in driver.page_source, "the dashboard lists both processes")
        check_page(driver, "dashboard")
        shot(driver, "dashboard.png")

        # The approval instance: its waiting review task is outlined in the SVG.
        driver.get(f"{BASE}/console/instances/{approval}")
        task = driver.find_element(By.CSS_SELECTOR, "svg g[data-element-id='ReviewPlan']")
        check("state-active" in task.get_attribute("class"), f"ReviewPlan is not outlined: {task.get_attribute('class')}")
        check(task.is_displayed(), "the outlined task is visible")
        start = driver.find_element(By.CSS_SELECTOR, "svg g[data-element-id='DraftSubmitted']")
        check("state-completed" in start.get_attribute("class"), "the start event is shaded as completed")
        check_page(driver, "approval instance")
        shot(driver, "instance.png")

        driver.get(f"{BASE}/console/processes/plan-review")
        check(driver.find_elements(By.CSS_SELECTOR, "svg g[data-element-id='notify'] .badge-incidents"), "the failed task carries an incident badge")
        check_page(driver, "process definition")
        shot(driver, "process.png")

        # A task through its form: claimed, refused while a required field is empty, then completed.
        driver.get(BASE + "/console/tasks?list=groups")
        driver.find_element(By.LINK_TEXT, "Assess the plan").click()
        wait_for(driver, lambda d: heading(d) == "Assess the plan", "the task page did not open")
        task_id = driver.current_url.rsplit("/", 1)[-1]
        driver.find_element(By.XPATH, "//button[text()='Claim']").click()
        wait_for(driver, lambda d: "You have claimed the task." in d.page_source, "claiming showed no notice")
        check(driver.find_element(By.CSS_SELECTOR, "dd.assignee").text == USER, "the task is assigned to the user")
        driver.find_element(By.ID, "field-note").send_keys("Premium still missing")
        driver.find_element(By.XPATH, "//button[text()='Complete task']").click()
        problem = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#field-amount-problem"), "an empty required field showed no error")
        check(problem[0].text == "Monthly premium is required.", f"the error reads {problem[0].text!r}")
        check(driver.find_element(By.ID, "field-amount").get_attribute("aria-invalid") == "true", "the field is marked invalid")
        check(driver.find_element(By.ID, "field-note").get_attribute("value") == "Premium still missing", "what was typed stays")
        status, _ = rest("GET", f"/task/{task_id}")
        check(status == 200, "the refused form completed nothing")
        check_page(driver, "task form with an error")
        shot(driver, "task-form-error.png")
        driver.find_element(By.ID, "field-amount").send_keys("120")
        driver.find_element(By.ID, "field-approved").click()
        Select(driver.find_element(By.ID, "field-tier")).select_by_visible_text("Gold")
        driver.find_element(By.XPATH, "//button[text()='Complete task']").click()
        wait_for(driver, lambda d: "The task was completed." in d.page_source, "completing showed no notice")
        status, _ = rest("GET", f"/task/{task_id}")
        check(status == 404, "the task is completed")
        status, variables = rest("GET", f"/process-instance/{review}/variables")
        check(variables["amount"] == {"type": "Long", "value": 120, "valueInfo": {}}, f"amount is {variables.get('amount')}")
        check(variables["approved"]["value"] is True and variables["tier"]["value"] == "gold", f"variables are {variables}")

        # The failed external task: retried from the incident list, and gone from it.
        driver.get(BASE + "/console/incidents")
        check("refused the call" in driver.page_source, "the incident and its message are listed")
        check_page(driver, "incidents")
        shot(driver, "incidents.png")
        driver.find_element(By.CSS_SELECTOR, "input[name=incident]").click()
        driver.find_element(By.XPATH, "//button[text()='Retry the chosen incidents']").click()
        wait_for(driver, lambda d: "No open incident matches." in d.page_source, "the retried incident is still listed")
        status, incidents = rest("GET", f"/incident?processInstanceId={review}")
        check(status == 200 and incidents == [], f"open incidents after the retry: {incidents}")

        # An invalid upload: refused, with the line and the element at fault.
        driver.get(BASE + "/console")
        driver.find_element(By.ID, "bpmn-file").send_keys(os.path.join(HERE, "invalid.bpmn"))
        driver.find_element(By.XPATH, "//button[text()='Deploy']").click()
        wait_for(driver, lambda d: heading(d) == "Deployment refused", "the invalid file was not refused")
        rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.diagnostics tbody tr")]
        check(any("toNowhere" in row and "missingTask" in row for row in rows), f"the diagnostic names the flow and its target: {rows}")
        check(any(" 5 " in f" {row} " for row in rows), f"the diagnostic names line 5: {rows}")
        check_page(driver, "refused deployment")
        shot(driver, "deploy-refused.png")

        # A phone-sized screen: the same pages, nothing wider than it.
        driver.set_window_size(390, 844)
        for page in [f"/console/instances/{approval}", "/console/tasks?list=all", "/console/incidents", "/console/processes/benefit-approval"]:
            driver.get(BASE + page)
            check_page(driver, f"{page} on a phone")
        driver.get(f"{BASE}/console/instances/{approval}")
        shot(driver, "phone-instance.png")

        driver.set_window_size(1280, 900)
        driver.find_element(By.XPATH, "//button[text()='Sign out']").click()
        wait_for(driver, lambda d: "/console/sign-in" in d.current_url, "signing out did not return to the form")
        driver.get(BASE + "/console/incidents")
        check("/console/sign-in" in driver.current_url, "after signing out the console asks again")
    finally:
        driver.quit()
    print("console browser tests passed")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
