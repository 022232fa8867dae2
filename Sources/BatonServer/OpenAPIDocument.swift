/// The OpenAPI 3.1 document of what Baton offers of Camunda 7's REST API, served at
/// `/engine-rest/openapi.json`. Tests hold responses to it (Tests/BatonServerTests/OpenAPIConformanceTests).
/// Kept in the binary rather than as a bundle resource, so a copied `baton` never lacks it.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "Baton engine REST API (Camunda 7 compatible subset)",
  "version": "7.22.0",
  "description": "What Baton offers of Camunda 7's REST API. Every path is also served under /engine-rest/engine/default. Errors carry {type, message}."
 },
 "servers": [{"url": "/engine-rest"}],
 "paths": {
  "/engine": {
   "get": {
    "summary": "Engines",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Engine"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    }
   }
  },
  "/version": {
   "get": {
    "summary": "Camunda REST version followed",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Version"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    }
   }
  },
  "/deployment/create": {
   "post": {
    "summary": "Deploy BPMN files (multipart/form-data)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeploymentWithDefinitions"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "multipart/form-data": {
       "schema": {
        "type": "object",
        "description": "Form fields, and any number of BPMN files (each a part with a filename).",
        "properties": {
         "deployment-name": {"type": "string"},
         "enable-duplicate-filtering": {"type": "boolean"},
         "deploy-changed-only": {"type": "boolean"},
         "deployment-source": {"type": "string"},
         "deployment-activation-time": {"type": "string"},
         "tenant-id": {"type": "string"}
        },
        "additionalProperties": {"type": "string", "format": "binary"}
       }
      }
     }
    }
   }
  },
  "/deployment": {
   "get": {
    "summary": "Deployments",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Deployment"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-id"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-name"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-source"}
    ]
   }
  },
  "/deployment/{id}": {
   "get": {
    "summary": "A deployment",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deployment"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   },
   "delete": {
    "summary": "Delete a deployment (cascade=true: with its instances and their history)",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/path-id"},
     {"$ref": "#/components/parameters/query-cascade"},
     {"$ref": "#/components/parameters/query-skipCustomListeners"},
     {"$ref": "#/components/parameters/query-skipIoMappings"}
    ]
   }
  },
  "/process-definition": {
   "get": {
    "summary": "Process definitions",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ProcessDefinition"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-deploymentId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-key"},
     {"$ref": "#/components/parameters/query-latestVersion"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-name"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-version"},
     {"$ref": "#/components/parameters/query-versionTag"}
    ]
   }
  },
  "/process-definition/count": {
   "get": {
    "summary": "Count of process definitions",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-deploymentId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-key"},
     {"$ref": "#/components/parameters/query-latestVersion"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-name"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-version"},
     {"$ref": "#/components/parameters/query-versionTag"}
    ]
   }
  },
  "/process-definition/{id}": {
   "get": {
    "summary": "A process definition",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessDefinition"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/process-definition/{id}/xml": {
   "get": {
    "summary": "Its BPMN",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessDefinitionXml"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/process-definition/{id}/start": {
   "post": {
    "summary": "Start an instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "variables": {"$ref": "#/components/schemas/VariablesInput"},
         "businessKey": {"type": "string"},
         "withVariablesInReturn": {"type": "boolean"},
         "skipCustomListeners": {"type": "boolean"},
         "skipIoMappings": {"type": "boolean"},
         "caseInstanceId": {"type": "string"},
         "startInstructions": {"type": "array", "items": {"type": "object"}}
        },
        "additionalProperties": false
       }
      }
     }
    }
   }
  },
  "/process-definition/key/{key}": {
   "get": {
    "summary": "Latest version of a key",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessDefinition"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-key"}]
   }
  },
  "/process-definition/key/{key}/xml": {
   "get": {
    "summary": "Its BPMN",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessDefinitionXml"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-key"}]
   }
  },
  "/process-definition/key/{key}/start": {
   "post": {
    "summary": "Start an instance of the latest version",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-key"}],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "variables": {"$ref": "#/components/schemas/VariablesInput"},
         "businessKey": {"type": "string"},
         "withVariablesInReturn": {"type": "boolean"},
         "skipCustomListeners": {"type": "boolean"},
         "skipIoMappings": {"type": "boolean"},
         "caseInstanceId": {"type": "string"},
         "startInstructions": {"type": "array", "items": {"type": "object"}}
        },
        "additionalProperties": false
       }
      }
     }
    }
   }
  },
  "/process-instance": {
   "get": {
    "summary": "Running process instances",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ProcessInstance"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-active"},
     {"$ref": "#/components/parameters/query-businessKey"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processDefinitionKey"},
     {"$ref": "#/components/parameters/query-processInstanceIds"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-superProcessInstance"},
     {"$ref": "#/components/parameters/query-variables"}
    ]
   }
  },
  "/process-instance/count": {
   "get": {
    "summary": "Count",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-active"},
     {"$ref": "#/components/parameters/query-businessKey"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processDefinitionKey"},
     {"$ref": "#/components/parameters/query-processInstanceIds"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-superProcessInstance"},
     {"$ref": "#/components/parameters/query-variables"}
    ]
   }
  },
  "/process-instance/{id}": {
   "get": {
    "summary": "A running instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProcessInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   },
   "delete": {
    "summary": "Cancel it",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/process-instance/{id}/variables": {
   "get": {
    "summary": "Its variables",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Variables"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   },
   "post": {
    "summary": "Modify variables",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "modifications": {"$ref": "#/components/schemas/VariablesInput"},
         "deletions": {"type": "array", "items": {"type": "string"}}
        },
        "additionalProperties": false
       }
      }
     }
    }
   }
  },
  "/process-instance/{id}/variables/{name}": {
   "get": {
    "summary": "One variable",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TypedValue"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}, {"$ref": "#/components/parameters/path-name"}]
   },
   "put": {
    "summary": "Set one variable",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}, {"$ref": "#/components/parameters/path-name"}],
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TypedValueInput"}}}}
   }
  },
  "/process-instance/{id}/activity-instances": {
   "get": {
    "summary": "Activity-instance tree",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActivityInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/task": {
   "get": {
    "summary": "Tasks",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-assignee"},
     {"$ref": "#/components/parameters/query-candidateGroup"},
     {"$ref": "#/components/parameters/query-candidateGroups"},
     {"$ref": "#/components/parameters/query-candidateUser"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-includeAssignedTasks"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processDefinitionKey"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-taskDefinitionKey"},
     {"$ref": "#/components/parameters/query-taskId"},
     {"$ref": "#/components/parameters/query-unassigned"}
    ]
   },
   "post": {
    "summary": "Tasks, queried with a JSON body",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "description": "The query parameters of GET /task as members, and 'sorting': [{sortBy, sortOrder}]."
       }
      }
     }
    },
    "parameters": [{"$ref": "#/components/parameters/query-firstResult"}, {"$ref": "#/components/parameters/query-maxResults"}]
   }
  },
  "/task/count": {
   "get": {
    "summary": "Count",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-assignee"},
     {"$ref": "#/components/parameters/query-candidateGroup"},
     {"$ref": "#/components/parameters/query-candidateGroups"},
     {"$ref": "#/components/parameters/query-candidateUser"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-includeAssignedTasks"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processDefinitionKey"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-taskDefinitionKey"},
     {"$ref": "#/components/parameters/query-taskId"},
     {"$ref": "#/components/parameters/query-unassigned"}
    ]
   },
   "post": {
    "summary": "Count, queried with a JSON body",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "description": "The query parameters of GET /task as members, and 'sorting': [{sortBy, sortOrder}]."
       }
      }
     }
    }
   }
  },
  "/task/{id}": {
   "get": {
    "summary": "A task",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/task/{id}/form": {
   "get": {
    "summary": "Its form key",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Form"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/task/{id}/claim": {
   "post": {
    "summary": "Claim",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"userId": {"type": "string", "minLength": 1}},
        "additionalProperties": false,
        "required": ["userId"]
       }
      }
     }
    }
   }
  },
  "/task/{id}/unclaim": {
   "post": {
    "summary": "Unclaim",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/task/{id}/assignee": {
   "post": {
    "summary": "Set assignee",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"userId": {"type": ["string", "null"]}},
        "additionalProperties": false,
        "required": ["userId"]
       }
      }
     }
    }
   }
  },
  "/task/{id}/complete": {
   "post": {
    "summary": "Complete",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Variables"}}}},
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"variables": {"$ref": "#/components/schemas/VariablesInput"}, "withVariablesInReturn": {"type": "boolean"}},
        "additionalProperties": false
       }
      }
     }
    }
   }
  },
  "/task/{id}/variables": {
   "get": {
    "summary": "Variables the task sees",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Variables"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/task/{id}/form-variables": {
   "get": {
    "summary": "Form variables",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Variables"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/message": {
   "post": {
    "summary": "Correlate a message",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/MessageCorrelationResult"}}}
      }
     },
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "messageName": {"type": "string", "minLength": 1},
         "businessKey": {"type": "string"},
         "tenantId": {"type": "string"},
         "withoutTenantId": {"type": "boolean"},
         "processInstanceId": {"type": "string"},
         "correlationKeys": {"$ref": "#/components/schemas/VariablesInput"},
         "localCorrelationKeys": {"$ref": "#/components/schemas/VariablesInput"},
         "processVariables": {"$ref": "#/components/schemas/VariablesInput"},
         "processVariablesLocal": {"$ref": "#/components/schemas/VariablesInput"},
         "all": {"type": "boolean"},
         "resultEnabled": {"type": "boolean"},
         "variablesInResultEnabled": {"type": "boolean"}
        },
        "additionalProperties": false,
        "required": ["messageName"]
       }
      }
     }
    }
   }
  },
  "/external-task": {
   "get": {
    "summary": "External tasks",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ExternalTask"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-externalTaskId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-noRetriesLeft"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-topicName"},
     {"$ref": "#/components/parameters/query-withRetriesLeft"}
    ]
   }
  },
  "/external-task/fetchAndLock": {
   "post": {
    "summary": "Fetch and lock (long polling)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/LockedExternalTask"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "workerId": {"type": "string", "minLength": 1},
         "maxTasks": {"type": "integer", "minimum": 1},
         "usePriority": {"type": "boolean"},
         "asyncResponseTimeout": {"type": "integer", "minimum": 0},
         "topics": {
          "type": "array",
          "items": {
           "type": "object",
           "properties": {
            "topicName": {"type": "string"},
            "lockDuration": {"type": "integer", "minimum": 1},
            "variables": {"type": "array", "items": {"type": "string"}},
            "localVariables": {"type": "boolean"},
            "deserializeValues": {"type": "boolean"},
            "includeExtensionProperties": {"type": "boolean"},
            "businessKey": {"type": "string"},
            "processDefinitionId": {"type": "string"},
            "processDefinitionIdIn": {"type": "array", "items": {"type": "string"}},
            "processDefinitionKey": {"type": "string"},
            "processDefinitionKeyIn": {"type": "array", "items": {"type": "string"}},
            "processDefinitionVersionTag": {"type": "string"},
            "tenantIdIn": {"type": "array", "items": {"type": "string"}},
            "withoutTenantId": {"type": "boolean"},
            "processVariables": {"type": "object", "description": "Process variable values (plain JSON) the task's instance must hold."}
           },
           "additionalProperties": false,
           "required": ["topicName", "lockDuration"]
          }
         },
         "sorting": {"type": "array", "items": {"type": "object"}}
        },
        "additionalProperties": false,
        "required": ["workerId"]
       }
      }
     }
    }
   }
  },
  "/external-task/{id}/complete": {
   "post": {
    "summary": "Complete",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "workerId": {"type": "string", "minLength": 1},
         "variables": {"$ref": "#/components/schemas/VariablesInput"},
         "localVariables": {"$ref": "#/components/schemas/VariablesInput"}
        },
        "additionalProperties": false,
        "required": ["workerId"]
       }
      }
     }
    }
   }
  },
  "/external-task/{id}/failure": {
   "post": {
    "summary": "Report a failure",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "workerId": {"type": "string", "minLength": 1},
         "errorMessage": {"type": "string"},
         "errorDetails": {"type": "string"},
         "retries": {"type": "integer", "minimum": 0},
         "retryTimeout": {"type": "integer", "minimum": 0},
         "variables": {"$ref": "#/components/schemas/VariablesInput"},
         "localVariables": {"$ref": "#/components/schemas/VariablesInput"}
        },
        "additionalProperties": false,
        "required": ["workerId"]
       }
      }
     }
    }
   }
  },
  "/external-task/{id}/bpmnError": {
   "post": {
    "summary": "Throw a BPMN error",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "workerId": {"type": "string", "minLength": 1},
         "errorCode": {"type": "string", "minLength": 1},
         "errorMessage": {"type": "string"},
         "variables": {"$ref": "#/components/schemas/VariablesInput"}
        },
        "additionalProperties": false,
        "required": ["workerId", "errorCode"]
       }
      }
     }
    }
   }
  },
  "/external-task/{id}/extendLock": {
   "post": {
    "summary": "Extend the lock",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"workerId": {"type": "string", "minLength": 1}, "newDuration": {"type": "integer", "minimum": 1}},
        "additionalProperties": false,
        "required": ["workerId", "newDuration"]
       }
      }
     }
    }
   }
  },
  "/external-task/{id}/unlock": {
   "post": {
    "summary": "Unlock",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/incident": {
   "get": {
    "summary": "Open incidents",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Incident"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-incidentId"},
     {"$ref": "#/components/parameters/query-incidentType"},
     {"$ref": "#/components/parameters/query-jobId"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"}
    ]
   }
  },
  "/job": {
   "get": {
    "summary": "Jobs (timers=true for timers)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-executable"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-jobId"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-messages"},
     {"$ref": "#/components/parameters/query-noRetriesLeft"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-timers"},
     {"$ref": "#/components/parameters/query-withRetriesLeft"}
    ]
   }
  },
  "/job/{id}/execute": {
   "post": {
    "summary": "Run a job or fire a timer now",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/job/{id}/retries": {
   "put": {
    "summary": "Set retries (resolves its incident)",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"retries": {"type": "integer", "minimum": 0}},
        "additionalProperties": false,
        "required": ["retries"]
       }
      }
     }
    }
   }
  },
  "/variable-instance": {
   "get": {
    "summary": "Variables of running instances",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/VariableInstance"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityInstanceIdIn"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processInstanceIdIn"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-variableName"},
     {"$ref": "#/components/parameters/query-variableNameLike"}
    ]
   }
  },
  "/event-subscription": {
   "get": {
    "summary": "Message subscriptions",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/EventSubscription"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-eventName"},
     {"$ref": "#/components/parameters/query-eventSubscriptionId"},
     {"$ref": "#/components/parameters/query-eventType"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"}
    ]
   }
  },
  "/execution/{id}/messageSubscriptions/{name}/trigger": {
   "post": {
    "summary": "Trigger a subscription",
    "responses": {
     "204": {"description": "No content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}, {"$ref": "#/components/parameters/path-name"}],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"variables": {"$ref": "#/components/schemas/VariablesInput"}},
        "additionalProperties": false
       }
      }
     }
    }
   }
  },
  "/history/process-instance": {
   "get": {
    "summary": "Historic process instances",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/HistoricProcessInstance"}}}
      }
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-finished"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processDefinitionKey"},
     {"$ref": "#/components/parameters/query-processInstanceBusinessKey"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-processInstanceIds"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-superProcessInstanceId"},
     {"$ref": "#/components/parameters/query-unfinished"}
    ]
   }
  },
  "/history/process-instance/{id}": {
   "get": {
    "summary": "One",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HistoricProcessInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/history/activity-instance": {
   "get": {
    "summary": "Historic activity instances",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/HistoricActivityInstance"}}}
      }
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-activityInstanceId"},
     {"$ref": "#/components/parameters/query-activityType"},
     {"$ref": "#/components/parameters/query-canceled"},
     {"$ref": "#/components/parameters/query-finished"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-unfinished"}
    ]
   }
  },
  "/history/task": {
   "get": {
    "summary": "Historic tasks",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/HistoricTaskInstance"}}}
      }
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-finished"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-taskAssignee"},
     {"$ref": "#/components/parameters/query-taskDefinitionKey"},
     {"$ref": "#/components/parameters/query-taskId"},
     {"$ref": "#/components/parameters/query-unfinished"}
    ]
   }
  },
  "/history/variable-instance": {
   "get": {
    "summary": "Latest values of variables",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/HistoricVariableInstance"}}}
      }
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-processInstanceIdIn"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-variableName"},
     {"$ref": "#/components/parameters/query-variableNameLike"}
    ]
   }
  },
  "/history/incident": {
   "get": {
    "summary": "Historic incidents",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/HistoricIncident"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-incidentId"},
     {"$ref": "#/components/parameters/query-incidentType"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-open"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-resolved"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"}
    ]
   }
  },
  "/process-definition/statistics": {
   "get": {
    "summary": "Running instances, failed jobs and open incidents per definition",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ProcessDefinitionStatistics"}}}
      }
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-failedJobs"},
     {"$ref": "#/components/parameters/query-incidents"},
     {"$ref": "#/components/parameters/query-incidentsForType"},
     {"$ref": "#/components/parameters/query-rootIncidents"}
    ]
   }
  },
  "/history/activity-instance/{id}": {
   "get": {
    "summary": "One historic activity instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HistoricActivityInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/history/variable-instance/{id}": {
   "get": {
    "summary": "One historic variable instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HistoricVariableInstance"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/event-subscription/count": {
   "get": {
    "summary": "Count of event-subscription",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-eventName"},
     {"$ref": "#/components/parameters/query-eventSubscriptionId"},
     {"$ref": "#/components/parameters/query-eventType"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"}
    ]
   }
  },
  "/external-task/count": {
   "get": {
    "summary": "Count of external-task",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-externalTaskId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-noRetriesLeft"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-topicName"},
     {"$ref": "#/components/parameters/query-withRetriesLeft"}
    ]
   }
  },
  "/history/activity-instance/count": {
   "get": {
    "summary": "Count of history activity-instance",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-activityInstanceId"},
     {"$ref": "#/components/parameters/query-activityType"},
     {"$ref": "#/components/parameters/query-canceled"},
     {"$ref": "#/components/parameters/query-finished"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-unfinished"}
    ]
   }
  },
  "/history/incident/count": {
   "get": {
    "summary": "Count of history incident",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-incidentId"},
     {"$ref": "#/components/parameters/query-incidentType"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-open"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-resolved"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"}
    ]
   }
  },
  "/history/process-instance/count": {
   "get": {
    "summary": "Count of history process-instance",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-finished"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processDefinitionKey"},
     {"$ref": "#/components/parameters/query-processInstanceBusinessKey"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-processInstanceIds"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-superProcessInstanceId"},
     {"$ref": "#/components/parameters/query-unfinished"}
    ]
   }
  },
  "/history/task/count": {
   "get": {
    "summary": "Count of history task",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-finished"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-taskAssignee"},
     {"$ref": "#/components/parameters/query-taskDefinitionKey"},
     {"$ref": "#/components/parameters/query-taskId"},
     {"$ref": "#/components/parameters/query-unfinished"}
    ]
   }
  },
  "/history/variable-instance/count": {
   "get": {
    "summary": "Count of history variable-instance",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-processInstanceIdIn"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-variableName"},
     {"$ref": "#/components/parameters/query-variableNameLike"}
    ]
   }
  },
  "/incident/count": {
   "get": {
    "summary": "Count of incident",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-incidentId"},
     {"$ref": "#/components/parameters/query-incidentType"},
     {"$ref": "#/components/parameters/query-jobId"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"}
    ]
   }
  },
  "/job/count": {
   "get": {
    "summary": "Count of job",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityId"},
     {"$ref": "#/components/parameters/query-executable"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-jobId"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-messages"},
     {"$ref": "#/components/parameters/query-noRetriesLeft"},
     {"$ref": "#/components/parameters/query-processDefinitionId"},
     {"$ref": "#/components/parameters/query-processInstanceId"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-timers"},
     {"$ref": "#/components/parameters/query-withRetriesLeft"}
    ]
   }
  },
  "/variable-instance/count": {
   "get": {
    "summary": "Count of variable-instance",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "409": {"$ref": "#/components/responses/Conflict"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-activityInstanceIdIn"},
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-processInstanceIdIn"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-variableName"},
     {"$ref": "#/components/parameters/query-variableNameLike"}
    ]
   }
  },
  "/authorization": {
   "get": {
    "summary": "Authorizations the caller may read",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Authorization"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-groupIdIn"},
     {"$ref": "#/components/parameters/query-id"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-resourceId"},
     {"$ref": "#/components/parameters/query-resourceType"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-type"},
     {"$ref": "#/components/parameters/query-userIdIn"}
    ]
   }
  },
  "/authorization/count": {
   "get": {
    "summary": "Count of authorizations",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Count"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-firstResult"},
     {"$ref": "#/components/parameters/query-groupIdIn"},
     {"$ref": "#/components/parameters/query-id"},
     {"$ref": "#/components/parameters/query-maxResults"},
     {"$ref": "#/components/parameters/query-resourceId"},
     {"$ref": "#/components/parameters/query-resourceType"},
     {"$ref": "#/components/parameters/query-sortBy"},
     {"$ref": "#/components/parameters/query-sortOrder"},
     {"$ref": "#/components/parameters/query-type"},
     {"$ref": "#/components/parameters/query-userIdIn"}
    ]
   }
  },
  "/authorization/check": {
   "get": {
    "summary": "Whether the caller (or userId) holds a permission",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuthorizationCheck"}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [
     {"$ref": "#/components/parameters/query-groupIds"},
     {"$ref": "#/components/parameters/query-permissionName"},
     {"$ref": "#/components/parameters/query-permissionValue"},
     {"$ref": "#/components/parameters/query-resourceId"},
     {"$ref": "#/components/parameters/query-resourceName"},
     {"$ref": "#/components/parameters/query-resourceType"},
     {"$ref": "#/components/parameters/query-userId"}
    ]
   }
  },
  "/authorization/create": {
   "post": {
    "summary": "Create an authorization",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Authorization"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "type": {"type": "integer", "enum": [0, 1, 2]},
         "permissions": {"type": "array", "items": {"type": "string"}, "minItems": 1},
         "userId": {"type": "string"},
         "groupId": {"type": "string"},
         "resourceType": {"type": "integer"},
         "resourceId": {"type": "string"},
         "removalTime": {},
         "rootProcessInstanceId": {}
        },
        "additionalProperties": false,
        "required": ["type", "resourceType", "permissions"]
       }
      }
     }
    }
   }
  },
  "/authorization/{id}": {
   "get": {
    "summary": "An authorization",
    "responses": {
     "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Authorization"}}}},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   },
   "put": {
    "summary": "Replace an authorization",
    "responses": {
     "204": {"description": "No Content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "type": {"type": "integer", "enum": [0, 1, 2]},
         "permissions": {"type": "array", "items": {"type": "string"}, "minItems": 1},
         "userId": {"type": "string"},
         "groupId": {"type": "string"},
         "resourceType": {"type": "integer"},
         "resourceId": {"type": "string"},
         "removalTime": {},
         "rootProcessInstanceId": {}
        },
        "additionalProperties": false,
        "required": ["type", "resourceType", "permissions"]
       }
      }
     }
    }
   },
   "delete": {
    "summary": "Delete an authorization",
    "responses": {
     "204": {"description": "No Content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}]
   }
  },
  "/execution": {
   "get": {
    "summary": "Executions of one process instance (processInstanceId is required)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Execution"}}}}
     },
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/query-activityId"}, {"$ref": "#/components/parameters/query-processInstanceId"}]
   }
  },
  "/execution/{id}/signal": {
   "post": {
    "summary": "Signal the receive task waiting as this execution",
    "responses": {
     "204": {"description": "No Content"},
     "400": {"$ref": "#/components/responses/BadRequest"},
     "401": {"$ref": "#/components/responses/Unauthorized"},
     "403": {"$ref": "#/components/responses/Forbidden"},
     "404": {"$ref": "#/components/responses/NotFound"},
     "503": {"$ref": "#/components/responses/Unavailable"},
     "500": {"$ref": "#/components/responses/ServerError"}
    },
    "parameters": [{"$ref": "#/components/parameters/path-id"}],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {"variables": {"$ref": "#/components/schemas/VariablesInput"}},
        "additionalProperties": false
       }
      }
     }
    }
   }
  }
 },
 "components": {
  "schemas": {
   "Error": {
    "type": "object",
    "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
    "required": ["type", "message"]
   },
   "TypedValue": {
    "type": "object",
    "properties": {"type": {"type": "string"}, "value": {}, "valueInfo": {"type": "object"}},
    "required": ["type", "value"]
   },
   "Variables": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/TypedValue"}},
   "Count": {"type": "object", "properties": {"count": {"type": "integer"}}, "required": ["count"]},
   "ProcessDefinition": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "key": {"type": "string"},
     "name": {"type": ["string", "null"]},
     "version": {"type": "integer"},
     "resource": {"type": "string"},
     "deploymentId": {"type": "string"},
     "versionTag": {"type": ["string", "null"]},
     "suspended": {"type": "boolean"},
     "tenantId": {"type": ["string", "null"]}
    },
    "required": ["id", "key", "name", "version", "resource", "deploymentId", "versionTag", "suspended", "tenantId"]
   },
   "Deployment": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "name": {"type": "string"},
     "source": {"type": ["string", "null"]},
     "deploymentTime": {"type": "string"},
     "tenantId": {"type": ["string", "null"]},
     "links": {"type": "array"}
    },
    "required": ["id", "name", "source", "deploymentTime", "tenantId", "links"]
   },
   "DeploymentWithDefinitions": {
    "allOf": [
     {"$ref": "#/components/schemas/Deployment"},
     {
      "type": "object",
      "properties": {
       "deployedProcessDefinitions": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/ProcessDefinition"}}
      },
      "required": ["deployedProcessDefinitions"]
     }
    ]
   },
   "ProcessInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "definitionId": {"type": "string"},
     "businessKey": {"type": ["string", "null"]},
     "ended": {"type": "boolean"},
     "suspended": {"type": "boolean"},
     "tenantId": {"type": ["string", "null"]},
     "links": {"type": "array"}
    },
    "required": ["id", "definitionId", "businessKey", "ended", "suspended", "tenantId", "links"]
   },
   "Task": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "name": {"type": ["string", "null"]},
     "assignee": {"type": ["string", "null"]},
     "created": {"type": "string"},
     "due": {"type": ["string", "null"]},
     "followUp": {"type": ["string", "null"]},
     "priority": {"type": "integer"},
     "processDefinitionId": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "executionId": {"type": "string"},
     "taskDefinitionKey": {"type": "string"},
     "formKey": {"type": ["string", "null"]},
     "suspended": {"type": "boolean"},
     "tenantId": {"type": ["string", "null"]}
    },
    "required": [
     "id",
     "name",
     "assignee",
     "created",
     "due",
     "followUp",
     "priority",
     "processDefinitionId",
     "processInstanceId",
     "executionId",
     "taskDefinitionKey",
     "formKey",
     "suspended",
     "tenantId"
    ]
   },
   "LockedExternalTask": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "activityId": {"type": "string"},
     "topicName": {"type": "string"},
     "workerId": {"type": "string"},
     "lockExpirationTime": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "processDefinitionId": {"type": "string"},
     "processDefinitionKey": {"type": "string"},
     "retries": {"type": ["integer", "null"]},
     "businessKey": {"type": ["string", "null"]},
     "variables": {"$ref": "#/components/schemas/Variables"}
    },
    "required": [
     "id",
     "activityId",
     "topicName",
     "workerId",
     "lockExpirationTime",
     "processInstanceId",
     "processDefinitionId",
     "processDefinitionKey",
     "retries",
     "businessKey",
     "variables"
    ]
   },
   "ExternalTask": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "activityId": {"type": "string"},
     "topicName": {"type": ["string", "null"]},
     "processInstanceId": {"type": "string"},
     "retries": {"type": "integer"},
     "errorMessage": {"type": ["string", "null"]},
     "suspended": {"type": "boolean"}
    },
    "required": ["id", "activityId", "topicName", "processInstanceId", "retries", "errorMessage", "suspended"]
   },
   "Incident": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "incidentTimestamp": {"type": "string"},
     "incidentType": {"type": "string"},
     "activityId": {"type": "string"},
     "incidentMessage": {"type": "string"},
     "configuration": {"type": ["string", "null"]}
    },
    "required": ["id", "processInstanceId", "incidentTimestamp", "incidentType", "activityId", "incidentMessage", "configuration"]
   },
   "Job": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "retries": {"type": "integer"},
     "exceptionMessage": {"type": ["string", "null"]},
     "dueDate": {"type": ["string", "null"]},
     "suspended": {"type": "boolean"}
    },
    "required": ["id", "processInstanceId", "retries", "exceptionMessage", "dueDate", "suspended"]
   },
   "VariableInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "name": {"type": "string"},
     "type": {"type": "string"},
     "value": {},
     "processInstanceId": {"type": "string"},
     "activityInstanceId": {"type": "string"}
    },
    "required": ["id", "name", "type", "value", "processInstanceId", "activityInstanceId"]
   },
   "EventSubscription": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "eventType": {"type": "string"},
     "eventName": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "activityId": {"type": "string"}
    },
    "required": ["id", "eventType", "eventName", "processInstanceId", "activityId"]
   },
   "ActivityInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "parentActivityInstanceId": {"type": ["string", "null"]},
     "activityId": {"type": "string"},
     "activityType": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "childActivityInstances": {"type": "array", "items": {"$ref": "#/components/schemas/ActivityInstance"}},
     "childTransitionInstances": {"type": "array"}
    },
    "required": [
     "id",
     "parentActivityInstanceId",
     "activityId",
     "activityType",
     "processInstanceId",
     "childActivityInstances",
     "childTransitionInstances"
    ]
   },
   "MessageCorrelationResult": {
    "type": "object",
    "properties": {
     "resultType": {"type": "string"},
     "execution": {"type": ["object", "null"]},
     "processInstance": {"type": ["object", "null"]}
    },
    "required": ["resultType", "execution", "processInstance"]
   },
   "HistoricProcessInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "businessKey": {"type": ["string", "null"]},
     "processDefinitionId": {"type": "string"},
     "processDefinitionKey": {"type": "string"},
     "startTime": {"type": "string"},
     "endTime": {"type": ["string", "null"]},
     "durationInMillis": {"type": ["integer", "null"]},
     "state": {"type": "string"}
    },
    "required": [
     "id",
     "businessKey",
     "processDefinitionId",
     "processDefinitionKey",
     "startTime",
     "endTime",
     "durationInMillis",
     "state"
    ]
   },
   "HistoricActivityInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "activityId": {"type": "string"},
     "activityName": {"type": ["string", "null"]},
     "activityType": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "startTime": {"type": "string"},
     "endTime": {"type": ["string", "null"]},
     "canceled": {"type": "boolean"}
    },
    "required": ["id", "activityId", "activityName", "activityType", "processInstanceId", "startTime", "endTime", "canceled"]
   },
   "HistoricTaskInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "name": {"type": ["string", "null"]},
     "assignee": {"type": ["string", "null"]},
     "startTime": {"type": "string"},
     "endTime": {"type": ["string", "null"]},
     "deleteReason": {"type": ["string", "null"]},
     "taskDefinitionKey": {"type": "string"}
    },
    "required": ["id", "processInstanceId", "name", "assignee", "startTime", "endTime", "deleteReason", "taskDefinitionKey"]
   },
   "HistoricVariableInstance": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "name": {"type": "string"},
     "type": {"type": "string"},
     "value": {},
     "processInstanceId": {"type": "string"},
     "createTime": {"type": "string"}
    },
    "required": ["id", "name", "type", "value", "processInstanceId", "createTime"]
   },
   "HistoricIncident": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "createTime": {"type": "string"},
     "endTime": {"type": ["string", "null"]},
     "incidentType": {"type": "string"},
     "activityId": {"type": "string"},
     "incidentMessage": {"type": "string"},
     "open": {"type": "boolean"},
     "resolved": {"type": "boolean"}
    },
    "required": [
     "id",
     "processInstanceId",
     "createTime",
     "endTime",
     "incidentType",
     "activityId",
     "incidentMessage",
     "open",
     "resolved"
    ]
   },
   "ProcessDefinitionXml": {
    "type": "object",
    "properties": {"id": {"type": "string"}, "bpmn20Xml": {"type": "string"}},
    "required": ["id", "bpmn20Xml"]
   },
   "Form": {"type": "object", "properties": {"key": {"type": ["string", "null"]}}, "required": ["key"]},
   "Engine": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
   "Version": {"type": "object", "properties": {"version": {"type": "string"}}, "required": ["version"]},
   "Health": {"type": "object", "properties": {"status": {"type": "string"}}, "required": ["status"]},
   "ProcessDefinitionStatistics": {
    "type": "object",
    "required": ["id", "instances", "failedJobs", "incidents", "definition"],
    "properties": {
     "id": {"type": "string"},
     "instances": {"type": "integer"},
     "failedJobs": {"type": "integer"},
     "incidents": {
      "type": "array",
      "items": {
       "type": "object",
       "required": ["incidentType", "incidentCount"],
       "properties": {"incidentType": {"type": "string"}, "incidentCount": {"type": "integer"}}
      }
     },
     "definition": {"$ref": "#/components/schemas/ProcessDefinition"}
    }
   },
   "TypedValueInput": {
    "type": "object",
    "description": "A typed variable value; 'type' is inferred from the JSON value when absent.",
    "properties": {"value": {}, "type": {"type": "string"}, "valueInfo": {"type": "object"}},
    "additionalProperties": false
   },
   "VariablesInput": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/TypedValueInput"}},
   "Authorization": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "type": {"type": "integer", "enum": [0, 1, 2]},
     "permissions": {"type": "array", "items": {"type": "string"}},
     "userId": {"type": ["string", "null"]},
     "groupId": {"type": ["string", "null"]},
     "resourceType": {"type": "integer"},
     "resourceId": {"type": "string"},
     "removalTime": {"type": "null"},
     "rootProcessInstanceId": {"type": "null"},
     "links": {"type": "array"}
    }
   },
   "AuthorizationCheck": {
    "type": "object",
    "properties": {
     "permissionName": {"type": "string"},
     "resourceName": {"type": "string"},
     "resourceId": {"type": "string"},
     "isAuthorized": {"type": "boolean"}
    }
   },
   "Execution": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "processInstanceId": {"type": "string"},
     "ended": {"type": "boolean"},
     "tenantId": {"type": "null"}
    }
   }
  },
  "securitySchemes": {"basic": {"type": "http", "scheme": "basic"}, "bearer": {"type": "http", "scheme": "bearer"}},
  "responses": {
   "BadRequest": {
    "description": "Invalid request",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
   },
   "Unauthorized": {
    "description": "No valid credentials",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
   },
   "Forbidden": {"description": "Not allowed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
   "NotFound": {"description": "Not found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
   "Conflict": {
    "description": "Conflicts with the current state",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
   },
   "Unavailable": {
    "description": "Database unavailable",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
   },
   "ServerError": {
    "description": "The engine failed: a handler or expression error, or an internal fault",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
   }
  },
  "parameters": {
   "query-firstResult": {"name": "firstResult", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0}},
   "query-id": {"name": "id", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-maxResults": {"name": "maxResults", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0}},
   "query-name": {"name": "name", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-sortBy": {"name": "sortBy", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-sortOrder": {"name": "sortOrder", "in": "query", "required": false, "schema": {"type": "string", "enum": ["asc", "desc"]}},
   "query-source": {"name": "source", "in": "query", "required": false, "schema": {"type": "string"}},
   "path-id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The resource's id."},
   "query-deploymentId": {"name": "deploymentId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-key": {"name": "key", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-latestVersion": {"name": "latestVersion", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-processDefinitionId": {"name": "processDefinitionId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-version": {"name": "version", "in": "query", "required": false, "schema": {"type": "integer"}},
   "query-versionTag": {"name": "versionTag", "in": "query", "required": false, "schema": {"type": "string"}},
   "path-key": {
    "name": "key",
    "in": "path",
    "required": true,
    "schema": {"type": "string"},
    "description": "The process definition key."
   },
   "query-active": {"name": "active", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-businessKey": {"name": "businessKey", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-processDefinitionKey": {"name": "processDefinitionKey", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-processInstanceIds": {
    "name": "processInstanceIds",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-superProcessInstance": {"name": "superProcessInstance", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-variables": {
    "name": "variables",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated conditions name_op_value (op: eq, neq, gt, gteq, lt, lteq, like)."
   },
   "path-name": {
    "name": "name",
    "in": "path",
    "required": true,
    "schema": {"type": "string"},
    "description": "The variable name (percent-encoded) or message name."
   },
   "query-assignee": {"name": "assignee", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-candidateGroup": {"name": "candidateGroup", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-candidateGroups": {
    "name": "candidateGroups",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-candidateUser": {"name": "candidateUser", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-includeAssignedTasks": {"name": "includeAssignedTasks", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-processInstanceId": {"name": "processInstanceId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-taskDefinitionKey": {"name": "taskDefinitionKey", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-taskId": {"name": "taskId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-unassigned": {"name": "unassigned", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-activityId": {"name": "activityId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-externalTaskId": {"name": "externalTaskId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-noRetriesLeft": {"name": "noRetriesLeft", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-topicName": {"name": "topicName", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-withRetriesLeft": {"name": "withRetriesLeft", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-incidentId": {"name": "incidentId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-incidentType": {"name": "incidentType", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-jobId": {"name": "jobId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-executable": {"name": "executable", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-messages": {"name": "messages", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-timers": {"name": "timers", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-activityInstanceIdIn": {
    "name": "activityInstanceIdIn",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-processInstanceIdIn": {
    "name": "processInstanceIdIn",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-variableName": {"name": "variableName", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-variableNameLike": {"name": "variableNameLike", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-eventName": {"name": "eventName", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-eventSubscriptionId": {"name": "eventSubscriptionId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-eventType": {"name": "eventType", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-finished": {"name": "finished", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-processInstanceBusinessKey": {"name": "processInstanceBusinessKey", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-superProcessInstanceId": {"name": "superProcessInstanceId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-unfinished": {"name": "unfinished", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-activityInstanceId": {"name": "activityInstanceId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-activityType": {"name": "activityType", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-canceled": {"name": "canceled", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-taskAssignee": {"name": "taskAssignee", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-open": {"name": "open", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-resolved": {"name": "resolved", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-failedJobs": {"name": "failedJobs", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-incidents": {"name": "incidents", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-incidentsForType": {"name": "incidentsForType", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-rootIncidents": {"name": "rootIncidents", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-cascade": {"name": "cascade", "in": "query", "required": false, "schema": {"type": "boolean"}},
   "query-skipCustomListeners": {"name": "skipCustomListeners", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-skipIoMappings": {"name": "skipIoMappings", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-groupIdIn": {
    "name": "groupIdIn",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-resourceId": {"name": "resourceId", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-resourceType": {"name": "resourceType", "in": "query", "required": false, "schema": {"type": "integer"}},
   "query-type": {"name": "type", "in": "query", "required": false, "schema": {"type": "integer"}},
   "query-userIdIn": {
    "name": "userIdIn",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-groupIds": {
    "name": "groupIds",
    "in": "query",
    "required": false,
    "schema": {"type": "string"},
    "description": "Comma-separated list."
   },
   "query-permissionName": {"name": "permissionName", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-permissionValue": {"name": "permissionValue", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-resourceName": {"name": "resourceName", "in": "query", "required": false, "schema": {"type": "string"}},
   "query-userId": {"name": "userId", "in": "query", "required": false, "schema": {"type": "string"}}
  }
 },
 "security": [{"basic": []}, {"bearer": []}, {}]
}
"""#
}
