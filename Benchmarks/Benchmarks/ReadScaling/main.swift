import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
print("placeholder")
