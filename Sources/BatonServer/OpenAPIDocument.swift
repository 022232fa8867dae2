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
 "servers": [
  {
   "url": "/engine-rest"
  }
 ],
 "paths": {
  "/engine": {
   "get": {
    "summary": "Engines",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Engine"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/version": {
   "get": {
    "summary": "Camunda REST version followed",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Version"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/deployment/create": {
   "post": {
    "summary": "Deploy BPMN files (multipart/form-data)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DeploymentWithDefinitions"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
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
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Deployment"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/deployment/{id}": {
   "get": {
    "summary": "A deployment",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Deployment"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "delete": {
    "summary": "Delete a deployment (cascade=true: with its instances and their history)",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition": {
   "get": {
    "summary": "Process definitions",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ProcessDefinition"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/count": {
   "get": {
    "summary": "Count of process definitions",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Count"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/{id}": {
   "get": {
    "summary": "A process definition",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessDefinition"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/{id}/xml": {
   "get": {
    "summary": "Its BPMN",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessDefinitionXml"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/{id}/start": {
   "post": {
    "summary": "Start an instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessDefinition"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/key/{key}/xml": {
   "get": {
    "summary": "Its BPMN",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessDefinitionXml"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/key/{key}/start": {
   "post": {
    "summary": "Start an instance of the latest version",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
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
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ProcessInstance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-instance/count": {
   "get": {
    "summary": "Count",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Count"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-instance/{id}": {
   "get": {
    "summary": "A running instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ProcessInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "delete": {
    "summary": "Cancel it",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-instance/{id}/variables": {
   "get": {
    "summary": "Its variables",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Variables"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "post": {
    "summary": "Modify variables",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-instance/{id}/variables/{name}": {
   "get": {
    "summary": "One variable",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TypedValue"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "put": {
    "summary": "Set one variable",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-instance/{id}/activity-instances": {
   "get": {
    "summary": "Activity-instance tree",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ActivityInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task": {
   "get": {
    "summary": "Tasks",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Task"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "post": {
    "summary": "Tasks, queried with a JSON body",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Task"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/count": {
   "get": {
    "summary": "Count",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Count"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "post": {
    "summary": "Count, queried with a JSON body",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Count"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}": {
   "get": {
    "summary": "A task",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Task"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/form": {
   "get": {
    "summary": "Its form key",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Form"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/claim": {
   "post": {
    "summary": "Claim",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/unclaim": {
   "post": {
    "summary": "Unclaim",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/assignee": {
   "post": {
    "summary": "Set assignee",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/complete": {
   "post": {
    "summary": "Complete",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Variables"
        }
       }
      }
     },
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/variables": {
   "get": {
    "summary": "Variables the task sees",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Variables"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/task/{id}/form-variables": {
   "get": {
    "summary": "Form variables",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Variables"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/message": {
   "post": {
    "summary": "Correlate a message",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/MessageCorrelationResult"
         }
        }
       }
      }
     },
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
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
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ExternalTask"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/external-task/fetchAndLock": {
   "post": {
    "summary": "Fetch and lock (long polling)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/LockedExternalTask"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/external-task/{id}/complete": {
   "post": {
    "summary": "Complete",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/external-task/{id}/failure": {
   "post": {
    "summary": "Report a failure",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/external-task/{id}/bpmnError": {
   "post": {
    "summary": "Throw a BPMN error",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/external-task/{id}/extendLock": {
   "post": {
    "summary": "Extend the lock",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/external-task/{id}/unlock": {
   "post": {
    "summary": "Unlock",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/incident": {
   "get": {
    "summary": "Open incidents",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Incident"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/job": {
   "get": {
    "summary": "Jobs (timers=true for timers)",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Job"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/job/{id}/execute": {
   "post": {
    "summary": "Run a job or fire a timer now",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/job/{id}/retries": {
   "put": {
    "summary": "Set retries (resolves its incident)",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
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
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/VariableInstance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/event-subscription": {
   "get": {
    "summary": "Message subscriptions",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/EventSubscription"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/execution/{id}/messageSubscriptions/{name}/trigger": {
   "post": {
    "summary": "Trigger a subscription",
    "responses": {
     "204": {
      "description": "No content"
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
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
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/HistoricProcessInstance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/process-instance/{id}": {
   "get": {
    "summary": "One",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/HistoricProcessInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/activity-instance": {
   "get": {
    "summary": "Historic activity instances",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/HistoricActivityInstance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/task": {
   "get": {
    "summary": "Historic tasks",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/HistoricTaskInstance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/variable-instance": {
   "get": {
    "summary": "Latest values of variables",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/HistoricVariableInstance"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/incident": {
   "get": {
    "summary": "Historic incidents",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/HistoricIncident"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/process-definition/statistics": {
   "get": {
    "summary": "Running instances, failed jobs and open incidents per definition",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ProcessDefinitionStatistics"
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/activity-instance/{id}": {
   "get": {
    "summary": "One historic activity instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/HistoricActivityInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/history/variable-instance/{id}": {
   "get": {
    "summary": "One historic variable instance",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/HistoricVariableInstance"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  }
 },
 "components": {
  "schemas": {
   "Error": {
    "type": "object",
    "properties": {
     "type": {
      "type": "string"
     },
     "message": {
      "type": "string"
     }
    },
    "required": [
     "type",
     "message"
    ]
   },
   "TypedValue": {
    "type": "object",
    "properties": {
     "type": {
      "type": "string"
     },
     "value": {},
     "valueInfo": {
      "type": "object"
     }
    },
    "required": [
     "type",
     "value"
    ]
   },
   "Variables": {
    "type": "object",
    "additionalProperties": {
     "$ref": "#/components/schemas/TypedValue"
    }
   },
   "Count": {
    "type": "object",
    "properties": {
     "count": {
      "type": "integer"
     }
    },
    "required": [
     "count"
    ]
   },
   "ProcessDefinition": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "key": {
      "type": "string"
     },
     "name": {
      "type": [
       "string",
       "null"
      ]
     },
     "version": {
      "type": "integer"
     },
     "resource": {
      "type": "string"
     },
     "deploymentId": {
      "type": "string"
     },
     "versionTag": {
      "type": [
       "string",
       "null"
      ]
     },
     "suspended": {
      "type": "boolean"
     },
     "tenantId": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "id",
     "key",
     "name",
     "version",
     "resource",
     "deploymentId",
     "versionTag",
     "suspended",
     "tenantId"
    ]
   },
   "Deployment": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "source": {
      "type": [
       "string",
       "null"
      ]
     },
     "deploymentTime": {
      "type": "string"
     },
     "tenantId": {
      "type": [
       "string",
       "null"
      ]
     },
     "links": {
      "type": "array"
     }
    },
    "required": [
     "id",
     "name",
     "source",
     "deploymentTime",
     "tenantId",
     "links"
    ]
   },
   "DeploymentWithDefinitions": {
    "allOf": [
     {
      "$ref": "#/components/schemas/Deployment"
     },
     {
      "type": "object",
      "properties": {
       "deployedProcessDefinitions": {
        "type": "object",
        "additionalProperties": {
         "$ref": "#/components/schemas/ProcessDefinition"
        }
       }
      },
      "required": [
       "deployedProcessDefinitions"
      ]
     }
    ]
   },
   "ProcessInstance": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "definitionId": {
      "type": "string"
     },
     "businessKey": {
      "type": [
       "string",
       "null"
      ]
     },
     "ended": {
      "type": "boolean"
     },
     "suspended": {
      "type": "boolean"
     },
     "tenantId": {
      "type": [
       "string",
       "null"
      ]
     },
     "links": {
      "type": "array"
     }
    },
    "required": [
     "id",
     "definitionId",
     "businessKey",
     "ended",
     "suspended",
     "tenantId",
     "links"
    ]
   },
   "Task": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "name": {
      "type": [
       "string",
       "null"
      ]
     },
     "assignee": {
      "type": [
       "string",
       "null"
      ]
     },
     "created": {
      "type": "string"
     },
     "due": {
      "type": [
       "string",
       "null"
      ]
     },
     "followUp": {
      "type": [
       "string",
       "null"
      ]
     },
     "priority": {
      "type": "integer"
     },
     "processDefinitionId": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "executionId": {
      "type": "string"
     },
     "taskDefinitionKey": {
      "type": "string"
     },
     "formKey": {
      "type": [
       "string",
       "null"
      ]
     },
     "suspended": {
      "type": "boolean"
     },
     "tenantId": {
      "type": [
       "string",
       "null"
      ]
     }
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
     "id": {
      "type": "string"
     },
     "activityId": {
      "type": "string"
     },
     "topicName": {
      "type": "string"
     },
     "workerId": {
      "type": "string"
     },
     "lockExpirationTime": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "processDefinitionId": {
      "type": "string"
     },
     "processDefinitionKey": {
      "type": "string"
     },
     "retries": {
      "type": [
       "integer",
       "null"
      ]
     },
     "businessKey": {
      "type": [
       "string",
       "null"
      ]
     },
     "variables": {
      "$ref": "#/components/schemas/Variables"
     }
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
     "id": {
      "type": "string"
     },
     "activityId": {
      "type": "string"
     },
     "topicName": {
      "type": [
       "string",
       "null"
      ]
     },
     "processInstanceId": {
      "type": "string"
     },
     "retries": {
      "type": "integer"
     },
     "errorMessage": {
      "type": [
       "string",
       "null"
      ]
     },
     "suspended": {
      "type": "boolean"
     }
    },
    "required": [
     "id",
     "activityId",
     "topicName",
     "processInstanceId",
     "retries",
     "errorMessage",
     "suspended"
    ]
   },
   "Incident": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "incidentTimestamp": {
      "type": "string"
     },
     "incidentType": {
      "type": "string"
     },
     "activityId": {
      "type": "string"
     },
     "incidentMessage": {
      "type": "string"
     },
     "configuration": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "id",
     "processInstanceId",
     "incidentTimestamp",
     "incidentType",
     "activityId",
     "incidentMessage",
     "configuration"
    ]
   },
   "Job": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "retries": {
      "type": "integer"
     },
     "exceptionMessage": {
      "type": [
       "string",
       "null"
      ]
     },
     "dueDate": {
      "type": [
       "string",
       "null"
      ]
     },
     "suspended": {
      "type": "boolean"
     }
    },
    "required": [
     "id",
     "processInstanceId",
     "retries",
     "exceptionMessage",
     "dueDate",
     "suspended"
    ]
   },
   "VariableInstance": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "value": {},
     "processInstanceId": {
      "type": "string"
     },
     "activityInstanceId": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "type",
     "value",
     "processInstanceId",
     "activityInstanceId"
    ]
   },
   "EventSubscription": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "eventType": {
      "type": "string"
     },
     "eventName": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "activityId": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "eventType",
     "eventName",
     "processInstanceId",
     "activityId"
    ]
   },
   "ActivityInstance": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "parentActivityInstanceId": {
      "type": [
       "string",
       "null"
      ]
     },
     "activityId": {
      "type": "string"
     },
     "activityType": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "childActivityInstances": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ActivityInstance"
      }
     },
     "childTransitionInstances": {
      "type": "array"
     }
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
     "resultType": {
      "type": "string"
     },
     "execution": {
      "type": [
       "object",
       "null"
      ]
     },
     "processInstance": {
      "type": [
       "object",
       "null"
      ]
     }
    },
    "required": [
     "resultType",
     "execution",
     "processInstance"
    ]
   },
   "HistoricProcessInstance": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "businessKey": {
      "type": [
       "string",
       "null"
      ]
     },
     "processDefinitionId": {
      "type": "string"
     },
     "processDefinitionKey": {
      "type": "string"
     },
     "startTime": {
      "type": "string"
     },
     "endTime": {
      "type": [
       "string",
       "null"
      ]
     },
     "durationInMillis": {
      "type": [
       "integer",
       "null"
      ]
     },
     "state": {
      "type": "string"
     }
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
     "id": {
      "type": "string"
     },
     "activityId": {
      "type": "string"
     },
     "activityName": {
      "type": [
       "string",
       "null"
      ]
     },
     "activityType": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "startTime": {
      "type": "string"
     },
     "endTime": {
      "type": [
       "string",
       "null"
      ]
     },
     "canceled": {
      "type": "boolean"
     }
    },
    "required": [
     "id",
     "activityId",
     "activityName",
     "activityType",
     "processInstanceId",
     "startTime",
     "endTime",
     "canceled"
    ]
   },
   "HistoricTaskInstance": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "name": {
      "type": [
       "string",
       "null"
      ]
     },
     "assignee": {
      "type": [
       "string",
       "null"
      ]
     },
     "startTime": {
      "type": "string"
     },
     "endTime": {
      "type": [
       "string",
       "null"
      ]
     },
     "deleteReason": {
      "type": [
       "string",
       "null"
      ]
     },
     "taskDefinitionKey": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "processInstanceId",
     "name",
     "assignee",
     "startTime",
     "endTime",
     "deleteReason",
     "taskDefinitionKey"
    ]
   },
   "HistoricVariableInstance": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "value": {},
     "processInstanceId": {
      "type": "string"
     },
     "createTime": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "type",
     "value",
     "processInstanceId",
     "createTime"
    ]
   },
   "HistoricIncident": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "processInstanceId": {
      "type": "string"
     },
     "createTime": {
      "type": "string"
     },
     "endTime": {
      "type": [
       "string",
       "null"
      ]
     },
     "incidentType": {
      "type": "string"
     },
     "activityId": {
      "type": "string"
     },
     "incidentMessage": {
      "type": "string"
     },
     "open": {
      "type": "boolean"
     },
     "resolved": {
      "type": "boolean"
     }
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
    "properties": {
     "id": {
      "type": "string"
     },
     "bpmn20Xml": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "bpmn20Xml"
    ]
   },
   "Form": {
    "type": "object",
    "properties": {
     "key": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "key"
    ]
   },
   "Engine": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     }
    },
    "required": [
     "name"
    ]
   },
   "Version": {
    "type": "object",
    "properties": {
     "version": {
      "type": "string"
     }
    },
    "required": [
     "version"
    ]
   },
   "Health": {
    "type": "object",
    "properties": {
     "status": {
      "type": "string"
     }
    },
    "required": [
     "status"
    ]
   },
   "ProcessDefinitionStatistics": {
    "type": "object",
    "required": [
     "id",
     "instances",
     "failedJobs",
     "incidents",
     "definition"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "instances": {
      "type": "integer"
     },
     "failedJobs": {
      "type": "integer"
     },
     "incidents": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "incidentType",
        "incidentCount"
       ],
       "properties": {
        "incidentType": {
         "type": "string"
        },
        "incidentCount": {
         "type": "integer"
        }
       }
      }
     },
     "definition": {
      "$ref": "#/components/schemas/ProcessDefinition"
     }
    }
   }
  },
  "securitySchemes": {
   "basic": {
    "type": "http",
    "scheme": "basic"
   },
   "bearer": {
    "type": "http",
    "scheme": "bearer"
   }
  },
  "responses": {
   "BadRequest": {
    "description": "Invalid request",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unauthorized": {
    "description": "No valid credentials",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Forbidden": {
    "description": "Not allowed",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "NotFound": {
    "description": "Not found",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Conflict": {
    "description": "Conflicts with the current state",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unavailable": {
    "description": "Database unavailable",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   }
  }
 },
 "security": [
  {
   "basic": []
  },
  {
   "bearer": []
  },
  {}
 ]
}
"""#
}
