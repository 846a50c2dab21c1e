// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.
/** The spec's model: every operation, normalized once (parameters, rules, paging, examples, errors, auth). */
export const model = {
  "title": "Huawei Cloud CSBS — Querying All Backups",
  "version": "0.1.0",
  "summary": "Query the backups of Cloud Server Backup Service (CSBS), with filters and paging.",
  "description": "Cloud Server Backup Service (CSBS) backs up elastic cloud servers. This document describes one API of it,\n**Querying All Backups** (`GET /v1/{project_id}/checkpoint_items`), exactly as the service's reference describes it:\nevery request parameter and every response field, with its type, value range and bounds.\n\nIt is the single source of truth of the `csbs-api` toolchain: the TypeScript types (`@csbs/types`), the client\n(`@csbs/client`), the mock server (`@csbs/mock`) and this reference (`@csbs/docs`) are all generated from it.\n\n## Authentication\nSend an IAM user token in the `X-Auth-Token` header, or sign the request with an access key and secret key\n(`SDK-HMAC-SHA256`, sent in the `Authorization` header). The local mock accepts any non-empty value.\n\n## Paging\nResults come a page at a time. `limit` sets the page size (1000 by default). To get the next page, pass the `id`\nof the last item of this page as `marker`; a page shorter than `limit` is the last one.\n",
  "servers": [
    {
      "url": "https://{endpoint}",
      "resolvedUrl": "https://csbs.ap-southeast-1.myhuaweicloud.com",
      "description": "A CSBS regional endpoint.",
      "variables": {
        "endpoint": {
          "default": "csbs.ap-southeast-1.myhuaweicloud.com",
          "description": "The CSBS endpoint of the region, `csbs.{region}.myhuaweicloud.com`."
        }
      }
    },
    {
      "url": "http://127.0.0.1:4010",
      "resolvedUrl": "http://127.0.0.1:4010",
      "description": "The local Prism mock (`pnpm mock`).",
      "variables": {}
    }
  ],
  "tags": [
    {
      "name": "Backups",
      "description": "Backups (checkpoint items) of cloud servers."
    }
  ],
  "securitySchemes": {
    "IamToken": {
      "type": "apiKey",
      "in": "header",
      "name": "X-Auth-Token",
      "description": "An IAM user token, obtained from IAM (`POST /v3/auth/tokens`, header `X-Subject-Token` of the answer)."
    },
    "AkSkSignature": {
      "type": "apiKey",
      "in": "header",
      "name": "Authorization",
      "description": "An access key / secret key signature: `SDK-HMAC-SHA256 Access={AK}, SignedHeaders={headers}, Signature={hex}`,\ncomputed over the request and sent with `X-Sdk-Date` (and `X-Security-Token` for temporary credentials).\n"
    }
  },
  "commonPathParameters": [
    "project_id"
  ],
  "operations": [
    {
      "operationId": "listCheckpointItems",
      "method": "get",
      "path": "/v1/{project_id}/checkpoint_items",
      "summary": "Querying All Backups",
      "description": "This API is used to query all backups. Filtering parameters are supported.\n\nResults are paged: pass the `id` of the last item of a page as `marker` to get the next one. A page shorter\nthan `limit` is the last.\n",
      "tags": [
        "Backups"
      ],
      "deprecated": false,
      "parameters": [
        {
          "name": "project_id",
          "in": "path",
          "required": true,
          "description": "Project ID.",
          "schemaDescription": "The ID of the project, as shown on the My Credentials page of the console.",
          "schema": {
            "type": "string",
            "minLength": 1,
            "description": "The ID of the project, as shown on the My Credentials page of the console."
          },
          "example": "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63",
          "allowEmptyValue": false,
          "deprecated": false
        },
        {
          "name": "status",
          "in": "query",
          "required": false,
          "description": "Query based on field status is supported.",
          "schemaDescription": "Backup status.",
          "schema": {
            "type": "string",
            "description": "Backup status.",
            "enum": [
              "waiting_protect",
              "protecting",
              "available",
              "waiting_restore",
              "restoring",
              "error",
              "waiting_delete",
              "deleting",
              "deleted"
            ]
          },
          "enum": [
            "waiting_protect",
            "protecting",
            "available",
            "waiting_restore",
            "restoring",
            "error",
            "waiting_delete",
            "deleting",
            "deleted"
          ],
          "example": "available",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "status",
            "match": "exact",
            "hidden": false
          }
        },
        {
          "name": "limit",
          "in": "query",
          "required": false,
          "description": "Number of resources displayed per page. The value must be a positive integer. The value defaults to 1000.",
          "schemaDescription": "Page size, a positive integer.",
          "schema": {
            "type": "integer",
            "format": "int32",
            "minimum": 1,
            "default": 1000,
            "description": "Page size, a positive integer."
          },
          "default": 1000,
          "example": 100,
          "allowEmptyValue": false,
          "deprecated": false
        },
        {
          "name": "marker",
          "in": "query",
          "required": false,
          "description": "ID of the last record displayed on the previous page (the `id` of its last item).",
          "schemaDescription": "A backup `id`.",
          "schema": {
            "type": "string",
            "description": "A backup `id`."
          },
          "example": "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190",
          "allowEmptyValue": false,
          "deprecated": false
        },
        {
          "name": "sort",
          "in": "query",
          "required": false,
          "description": "A group of properties separated by commas (,) and sorting directions. The value format is\n`<key1>[:<direction>],<key2>[:<direction>]`, where the value of direction is `asc` (in ascending order) or `desc`\n(in descending order). If the parameter direction is not specified, the default sorting direction is `desc`. The\nvalue of sort contains a maximum of 255 characters. Enumeration values of the key are as follows: `created_at`,\n`updated_at`, `name`, `status`, `protected_at`, and `id`.\n",
          "schemaDescription": "Comma-separated `key[:asc|desc]` terms, at most 255 characters.",
          "schema": {
            "type": "string",
            "maxLength": 255,
            "pattern": "^(created_at|updated_at|name|status|protected_at|id)(:(asc|desc))?(,(created_at|updated_at|name|status|protected_at|id)(:(asc|desc))?)*$",
            "description": "Comma-separated `key[:asc|desc]` terms, at most 255 characters."
          },
          "example": "created_at:desc,name",
          "allowEmptyValue": false,
          "deprecated": false
        },
        {
          "name": "all_tenants",
          "in": "query",
          "required": false,
          "description": "Whether to query the backup of all tenants. Only administrators can query the backup of all tenants.",
          "schemaDescription": "`true` to query the backups of all tenants (administrators only).",
          "schema": {
            "type": "boolean",
            "description": "`true` to query the backups of all tenants (administrators only)."
          },
          "example": false,
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "project_id",
            "match": "all-tenants",
            "hidden": true
          }
        },
        {
          "name": "name",
          "in": "query",
          "required": false,
          "description": "Query based on field name is supported.",
          "schemaDescription": "A backup name.",
          "schema": {
            "type": "string",
            "description": "A backup name."
          },
          "example": "backup_d32c",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "name",
            "match": "substring-ci",
            "hidden": false
          }
        },
        {
          "name": "az",
          "in": "query",
          "required": false,
          "description": "Filtering based on the backup AZ is supported.",
          "schemaDescription": "An availability zone.",
          "schema": {
            "type": "string",
            "description": "An availability zone."
          },
          "example": "az1.dc1",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "extend_info.resource_az",
            "match": "exact",
            "hidden": false
          }
        },
        {
          "name": "resource_id",
          "in": "query",
          "required": false,
          "description": "Filtering based on the backup object ID is supported.",
          "schemaDescription": "The ID of the backed-up object (a server ID).",
          "schema": {
            "type": "string",
            "description": "The ID of the backed-up object (a server ID)."
          },
          "example": "f45c477a-57e5-465f-999f-d845083962db",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "resource_id",
            "match": "exact",
            "hidden": false
          }
        },
        {
          "name": "resource_name",
          "in": "query",
          "required": false,
          "description": "Filtering based on the backup object name is supported.",
          "schemaDescription": "The name of the backed-up object.",
          "schema": {
            "type": "string",
            "description": "The name of the backed-up object."
          },
          "example": "karbor_02",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "extend_info.resource_name",
            "match": "substring-ci",
            "hidden": false
          }
        },
        {
          "name": "start_time",
          "in": "query",
          "required": false,
          "description": "Filtering based on the backup start time is supported. For example: `2017-04-18T01:21:52.701973`\n(UTC, no time zone designator).\n",
          "schemaDescription": "A UTC date and time without a time zone designator, `YYYY-MM-DDThh:mm:ss` with up to six fraction digits,\nfor example `2017-04-18T01:21:52.701973`. (`format: date-time` is not used: RFC 3339 requires a time zone.)\n",
          "schema": {
            "type": "string",
            "description": "A UTC date and time without a time zone designator, `YYYY-MM-DDThh:mm:ss` with up to six fraction digits,\nfor example `2017-04-18T01:21:52.701973`. (`format: date-time` is not used: RFC 3339 requires a time zone.)\n",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?$",
            "examples": [
              "2017-04-18T01:21:52.701973"
            ]
          },
          "example": "2017-04-18T01:21:52.701973",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "created_at",
            "match": "gte",
            "hidden": false
          }
        },
        {
          "name": "end_time",
          "in": "query",
          "required": false,
          "description": "Filtering based on the backup end time is supported. For example: `2017-04-18T01:21:52.701973`\n(UTC, no time zone designator).\n",
          "schemaDescription": "A UTC date and time without a time zone designator, `YYYY-MM-DDThh:mm:ss` with up to six fraction digits,\nfor example `2017-04-18T01:21:52.701973`. (`format: date-time` is not used: RFC 3339 requires a time zone.)\n",
          "schema": {
            "type": "string",
            "description": "A UTC date and time without a time zone designator, `YYYY-MM-DDThh:mm:ss` with up to six fraction digits,\nfor example `2017-04-18T01:21:52.701973`. (`format: date-time` is not used: RFC 3339 requires a time zone.)\n",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?$",
            "examples": [
              "2017-04-18T01:21:52.701973"
            ]
          },
          "example": "2017-04-18T01:21:52.701973",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "created_at",
            "match": "lte",
            "hidden": false
          }
        },
        {
          "name": "image_type",
          "in": "query",
          "required": false,
          "description": "Supports filtering by image type, for example, backup.",
          "schemaDescription": "A backup (image) type, for example `backup`.",
          "schema": {
            "type": "string",
            "description": "A backup (image) type, for example `backup`."
          },
          "example": "backup",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "extend_info.image_type",
            "match": "exact",
            "hidden": false
          }
        },
        {
          "name": "policy_id",
          "in": "query",
          "required": false,
          "description": "Filtering based on policy_id is supported.",
          "schemaDescription": "The ID of a backup policy.",
          "schema": {
            "type": "string",
            "description": "The ID of a backup policy."
          },
          "example": "4d2f5b3a-9e1c-4f6a-8b7d-2c3e4f5a6b7c",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "policy_id",
            "match": "exact",
            "hidden": true
          }
        },
        {
          "name": "offset",
          "in": "query",
          "required": false,
          "description": "Offset value: the number of records to skip. The source document says \"Offset value, which is a positive integer.\"\n\nAdded by this document (csbs-api): 0 is accepted too and skips nothing (the natural first page), so the lower bound\nis 0, not 1.\n",
          "schemaDescription": "Records to skip, 0 or more.",
          "schema": {
            "type": "integer",
            "format": "int32",
            "minimum": 0,
            "description": "Records to skip, 0 or more."
          },
          "example": 0,
          "allowEmptyValue": false,
          "deprecated": false
        },
        {
          "name": "checkpoint_id",
          "in": "query",
          "required": false,
          "description": "Filtering based on checkpoint_id is supported.",
          "schemaDescription": "A backup record ID.",
          "schema": {
            "type": "string",
            "description": "A backup record ID."
          },
          "example": "f672a1bb-6912-446a-816c-72792c5263e0",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "checkpoint_id",
            "match": "exact",
            "hidden": false
          }
        },
        {
          "name": "resource_type",
          "in": "query",
          "required": false,
          "description": "Type of the backup object. For example, OS::Nova::Server",
          "schemaDescription": "A resource type, for example `OS::Nova::Server`.",
          "schema": {
            "type": "string",
            "description": "A resource type, for example `OS::Nova::Server`."
          },
          "example": "OS::Nova::Server",
          "allowEmptyValue": false,
          "deprecated": false,
          "filter": {
            "field": "resource_type",
            "match": "exact",
            "hidden": false
          }
        }
      ],
      "response": {
        "status": 200,
        "description": "OK. The backups that match the filters, one page of them.",
        "schema": {
          "type": "object",
          "description": "The body of a successful answer to Querying All Backups.",
          "additionalProperties": false,
          "required": [
            "checkpoint_items"
          ],
          "properties": {
            "checkpoint_items": {
              "type": "array",
              "description": "The backups of this page, in the requested order.",
              "items": {
                "type": "object",
                "description": "A backup (`checkpoint_item`). The source document marks no response field as mandatory; the fields that identify a\nbackup and that every example has (`id`, `checkpoint_id`, `name`, `status`, `resource_id`, `resource_type`,\n`created_at`, `updated_at`) are required here, the rest optional.\n",
                "additionalProperties": false,
                "required": [
                  "id",
                  "checkpoint_id",
                  "name",
                  "status",
                  "resource_id",
                  "resource_type",
                  "created_at",
                  "updated_at"
                ],
                "properties": {
                  "checkpoint_id": {
                    "type": "string",
                    "description": "Backup record ID."
                  },
                  "created_at": {
                    "type": "string",
                    "description": "Creation time, for example, 2017-04-18T01:21:52.701973",
                    "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?$",
                    "examples": [
                      "2017-04-18T01:21:52.701973"
                    ]
                  },
                  "extend_info": {
                    "type": "object",
                    "description": "Extension information.",
                    "additionalProperties": false,
                    "properties": {
                      "auto_trigger": {
                        "type": "boolean",
                        "description": "Whether automatic trigger is enabled."
                      },
                      "average_speed": {
                        "type": "integer",
                        "format": "int32",
                        "description": "Average rate. The unit is kb/s."
                      },
                      "copy_from": {
                        "type": "string",
                        "description": "The destination region of a backup replication. The default value is empty."
                      },
                      "copy_status": {
                        "type": "string",
                        "description": "Backup replication status. The default value is na.",
                        "enum": [
                          "na",
                          "replica_copy",
                          "copying",
                          "success",
                          "fail"
                        ],
                        "default": "na"
                      },
                      "fail_code": {
                        "type": "object",
                        "description": "Error code. An empty object when the backup did not fail.",
                        "additionalProperties": false,
                        "properties": {
                          "Code": {
                            "type": "integer",
                            "format": "int64",
                            "description": "Error code."
                          },
                          "Description": {
                            "type": "string",
                            "description": "Error description."
                          }
                        }
                      },
                      "fail_op": {
                        "type": "string",
                        "description": "Type of the failed operation: `backup`, `restore` or `delete`. The source document's own example answers\n`\"\"` for a backup that did not fail, so the empty string is accepted too and means \"no failed operation\".\n",
                        "enum": [
                          "backup",
                          "restore",
                          "delete",
                          ""
                        ]
                      },
                      "fail_reason": {
                        "type": "string",
                        "description": "Failure cause. Empty when the backup did not fail."
                      },
                      "image_type": {
                        "type": "string",
                        "description": "Backup type. For example, backup."
                      },
                      "incremental": {
                        "type": "boolean",
                        "description": "Whether the backup is an enhanced backup."
                      },
                      "progress": {
                        "type": "integer",
                        "format": "int32",
                        "minimum": 0,
                        "maximum": 100,
                        "description": "Replication progress. The value is an integer ranging from 0 to 100."
                      },
                      "resource_az": {
                        "type": "string",
                        "description": "AZ to which the backup resource belongs."
                      },
                      "resource_name": {
                        "type": "string",
                        "description": "Backup object name."
                      },
                      "resource_type": {
                        "type": "string",
                        "description": "Type of the backup object. For example, OS::Nova::Server."
                      },
                      "size": {
                        "type": "integer",
                        "format": "int32",
                        "description": "Backup capacity. The unit is MB."
                      },
                      "space_saving_ratio": {
                        "type": "integer",
                        "format": "int32",
                        "description": "Space saving rate."
                      },
                      "volume_backups": {
                        "type": "array",
                        "description": "Volume backup list.",
                        "items": {
                          "type": "object",
                          "description": "The backup of one EVS disk of the server (`volume_backup`).",
                          "additionalProperties": false,
                          "properties": {
                            "average_speed": {
                              "type": "integer",
                              "format": "int32",
                              "description": "Average rate, in MB/s."
                            },
                            "bootable": {
                              "type": "boolean",
                              "description": "Whether the disk is bootable. The value can be true or false."
                            },
                            "id": {
                              "type": "string",
                              "description": "Cinder backup ID."
                            },
                            "image_type": {
                              "type": "string",
                              "description": "Backup set type: backup.",
                              "enum": [
                                "backup"
                              ]
                            },
                            "incremental": {
                              "type": "boolean",
                              "description": "Whether incremental backup is used."
                            },
                            "name": {
                              "type": "string",
                              "description": "EVS disk backup name."
                            },
                            "size": {
                              "type": "integer",
                              "format": "int32",
                              "description": "Accumulated size (MB) of backups."
                            },
                            "source_volume_id": {
                              "type": "string",
                              "description": "Source disk ID."
                            },
                            "source_volume_size": {
                              "type": "integer",
                              "format": "int32",
                              "description": "Source volume size in GB."
                            },
                            "space_saving_ratio": {
                              "type": "integer",
                              "format": "int32",
                              "description": "Space saving rate."
                            },
                            "status": {
                              "type": "string",
                              "description": "Status of the disk backup."
                            },
                            "source_volume_name": {
                              "type": "string",
                              "description": "Source volume name."
                            },
                            "snapshot_id": {
                              "type": "string",
                              "description": "ID of the snapshot from which the backup is generated."
                            }
                          }
                        }
                      },
                      "finished_at": {
                        "type": "string",
                        "description": "Backup completion time, for example, 2017-04-18T01:21:52.701973",
                        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?$",
                        "examples": [
                          "2017-04-18T01:21:52.701973"
                        ]
                      },
                      "supported_restore_mode": {
                        "type": "string",
                        "description": "Restoration mode. Possible values are na, snapshot, and backup.\n`backup`: data is restored from backups of the EVS disks of the server. `na`: restoration is not supported.\n",
                        "enum": [
                          "na",
                          "snapshot",
                          "backup"
                        ]
                      },
                      "os_images_data": {
                        "type": "array",
                        "description": "Image data. This parameter has a value if an image has been created for the VM.",
                        "items": {
                          "type": "object",
                          "description": "An image created from the backup (`image_data`).",
                          "additionalProperties": false,
                          "properties": {
                            "image_id": {
                              "type": "string",
                              "description": "Image ID."
                            }
                          }
                        }
                      },
                      "support_lld": {
                        "type": "boolean",
                        "description": "Whether to allow lazyloading for fast restoration."
                      },
                      "taskid": {
                        "type": "string",
                        "description": "Job ID."
                      },
                      "hypervisor_type": {
                        "type": "string",
                        "description": "Virtualization type. The value is fixed at QEMU.",
                        "enum": [
                          "QEMU"
                        ]
                      }
                    }
                  },
                  "id": {
                    "type": "string",
                    "description": "Backup ID. Pass the last item's `id` as `marker` to get the next page."
                  },
                  "name": {
                    "type": "string",
                    "description": "Backup name."
                  },
                  "resource_id": {
                    "type": "string",
                    "description": "ID of the object to be backed up."
                  },
                  "status": {
                    "type": "string",
                    "description": "Backup status. The value can be waiting_protect, protecting, available, waiting_restore, restoring, error,\nwaiting_delete, deleting, or deleted.\n",
                    "enum": [
                      "waiting_protect",
                      "protecting",
                      "available",
                      "waiting_restore",
                      "restoring",
                      "error",
                      "waiting_delete",
                      "deleting",
                      "deleted"
                    ]
                  },
                  "updated_at": {
                    "type": "string",
                    "description": "Modification time, for example, 2017-04-18T01:21:52.701973",
                    "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?$",
                    "examples": [
                      "2017-04-18T01:21:52.701973"
                    ]
                  },
                  "backup_data": {
                    "type": "object",
                    "description": "VM metadata.",
                    "additionalProperties": false,
                    "properties": {
                      "__openstack_region_name": {
                        "type": "string",
                        "description": "Name of the AZ where the server is located. If this parameter is left blank, such information about the server\nhas not been obtained.\n"
                      },
                      "cloudservicetype": {
                        "type": "string",
                        "description": "Server type."
                      },
                      "disk": {
                        "type": "integer",
                        "format": "int32",
                        "description": "System disk size corresponding to the server specifications."
                      },
                      "imagetype": {
                        "type": "string",
                        "description": "Image type: `gold` (public image), `private` (private image) or `market` (market image). The source document's\nown example answers `\"\"`, so the empty string is accepted too and means the image type has not been obtained.\n",
                        "enum": [
                          "gold",
                          "private",
                          "market",
                          ""
                        ]
                      },
                      "ram": {
                        "type": "integer",
                        "format": "int32",
                        "description": "Memory size of the server, in MB."
                      },
                      "vcpus": {
                        "type": "integer",
                        "format": "int32",
                        "description": "CPU cores corresponding to the server."
                      },
                      "eip": {
                        "type": "string",
                        "description": "Elastic IP address of the server. If this parameter is left blank, such information about the server has not\nbeen obtained.\n"
                      },
                      "private_ip": {
                        "type": "string",
                        "description": "Internal IP address of the server. If this parameter is left blank, such information about the server has not\nbeen obtained.\n"
                      }
                    }
                  },
                  "description": {
                    "type": "string",
                    "description": "Backup description."
                  },
                  "tags": {
                    "type": "array",
                    "description": "List of backup tags. Keys in the tag list must be unique.",
                    "uniqueItems": true,
                    "items": {
                      "type": "object",
                      "description": "A tag of a backup (`resource_tag`).",
                      "additionalProperties": false,
                      "required": [
                        "key"
                      ],
                      "properties": {
                        "key": {
                          "type": "string",
                          "description": "Tag key. It consists of up to 36 characters. It cannot be an empty string. It can contain only letters, digits,\nhyphens (-), and underscores (_).\n",
                          "minLength": 1,
                          "maxLength": 36,
                          "pattern": "^[A-Za-z0-9_-]{1,36}$"
                        },
                        "value": {
                          "type": "string",
                          "description": "Tag value. It consists of up to 43 characters. It can be an empty string. It can contain only letters, digits,\nhyphens (-), and underscores (_).\n",
                          "minLength": 0,
                          "maxLength": 43,
                          "pattern": "^[A-Za-z0-9_-]{0,43}$"
                        }
                      }
                    }
                  },
                  "resource_type": {
                    "type": "string",
                    "description": "Type of backup objects, for example `OS::Nova::Server`."
                  }
                }
              }
            }
          }
        },
        "examples": {
          "available": {
            "summary": "A finished backup (the source document's example)",
            "description": "The example response of the CSBS reference, verbatim: one available backup of a server with two EVS disks.",
            "value": {
              "checkpoint_items": [
                {
                  "status": "available",
                  "backup_data": {
                    "eip": "",
                    "cloudservicetype": "",
                    "ram": 4096,
                    "vcpus": 4,
                    "__openstack_region_name": "",
                    "private_ip": "",
                    "disk": 0,
                    "imagetype": ""
                  },
                  "name": "backup_d32c",
                  "resource_id": "f45c477a-57e5-465f-999f-d845083962db",
                  "created_at": "2017-04-15T04:20:37.277880",
                  "checkpoint_id": "f672a1bb-6912-446a-816c-72792c5263e0",
                  "updated_at": "2017-04-15T04:25:38.680638",
                  "resource_type": "OS::Nova::Server",
                  "extend_info": {
                    "auto_trigger": false,
                    "space_saving_ratio": 0,
                    "copy_status": "na",
                    "fail_reason": "",
                    "resource_az": "az1.dc1",
                    "image_type": "backup",
                    "finished_at": "2017-04-15T04:25:38.675478",
                    "average_speed": 0,
                    "copy_from": "",
                    "supported_restore_mode": "backup",
                    "support_lld": false,
                    "os_images_data": [
                      {
                        "image_id": "fe84dd80-0229-4918-8d3d-cbb33154b565"
                      }
                    ],
                    "volume_backups": [
                      {
                        "status": "available",
                        "space_saving_ratio": 0,
                        "name": "manualbk_47222",
                        "bootable": true,
                        "average_speed": 0,
                        "source_volume_size": 20,
                        "source_volume_id": "ee27f809-6fb5-40ae-ac46-c932bb4ee8fe",
                        "incremental": false,
                        "image_type": "backup",
                        "source_volume_name": "karbor_xj_02",
                        "id": "70675cbc-d3a8-43a7-9f81-c8b6bc3f5d6d",
                        "size": 0,
                        "snapshot_id": "36f520e1-d2ea-4907-956a-3d9cd53e2d38"
                      },
                      {
                        "status": "available",
                        "space_saving_ratio": 0,
                        "name": "manualbk_47222",
                        "bootable": true,
                        "average_speed": 0,
                        "source_volume_size": 20,
                        "source_volume_id": "e7f48980-927c-48de-afd4-f0245d2e5100",
                        "incremental": false,
                        "image_type": "backup",
                        "source_volume_name": "karbor_01",
                        "id": "8eb98e91-8924-4d4b-b6d6-28fb7b751e9c",
                        "size": 0,
                        "snapshot_id": "36f520e1-d2ea-4907-956a-3d9cd53e2d38"
                      }
                    ],
                    "fail_code": {},
                    "incremental": false,
                    "taskid": "e0a21692-2192-11e7-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "progress": 100,
                    "fail_op": "",
                    "resource_name": "karbor_02",
                    "size": 0
                  },
                  "id": "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190"
                }
              ]
            }
          },
          "empty": {
            "summary": "No backup matches the filters",
            "description": "An empty page: nothing matches the filters, or `marker` was the last backup. An empty page is also the last page.",
            "value": {
              "checkpoint_items": []
            }
          },
          "failed": {
            "summary": "A backup that failed",
            "description": "A backup in status `error`: `extend_info.fail_op` says which operation failed, `fail_code` and `fail_reason` say why.\nNothing was stored, so sizes and progress are 0 and no disk backup is listed as available.\n",
            "value": {
              "checkpoint_items": [
                {
                  "id": "af832c7e-b7e7-4bb3-9ff0-c5e2678689e8",
                  "checkpoint_id": "861ef051-345f-4c16-ac12-68c9ded2fe59",
                  "name": "autobk_5e1a",
                  "status": "error",
                  "resource_id": "c89647b1-9c02-4475-b606-c27bfff218bf",
                  "resource_type": "OS::Nova::Server",
                  "created_at": "2017-04-18T01:21:52.701973",
                  "updated_at": "2017-04-18T01:24:10.118260",
                  "description": "Daily policy backup",
                  "backup_data": {
                    "eip": "94.74.83.12",
                    "cloudservicetype": "QEMU",
                    "ram": 8192,
                    "vcpus": 4,
                    "__openstack_region_name": "ap-southeast-1",
                    "private_ip": "192.168.0.24",
                    "disk": 40,
                    "imagetype": "gold"
                  },
                  "extend_info": {
                    "auto_trigger": true,
                    "average_speed": 0,
                    "copy_from": "",
                    "copy_status": "na",
                    "fail_code": {
                      "Code": 64006001,
                      "Description": "Failed to create a snapshot of EVS disk 85b94a1f-ba4f-4aa9-accf-73c043144030."
                    },
                    "fail_op": "backup",
                    "fail_reason": "The snapshot of the system disk could not be created: the disk quota of the project is used up.",
                    "image_type": "backup",
                    "incremental": true,
                    "progress": 0,
                    "resource_az": "ap-southeast-1a",
                    "resource_name": "web-server-01",
                    "resource_type": "OS::Nova::Server",
                    "size": 0,
                    "space_saving_ratio": 0,
                    "supported_restore_mode": "na",
                    "support_lld": false,
                    "taskid": "3a6d1c2e-23fa-11e7-9c1b-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "finished_at": "2017-04-18T01:24:10.112306",
                    "os_images_data": [],
                    "volume_backups": [
                      {
                        "id": "4abbec5f-a024-4c5d-8664-912b56b6f1d5",
                        "name": "autobk_5e1a",
                        "status": "error",
                        "bootable": true,
                        "incremental": true,
                        "image_type": "backup",
                        "average_speed": 0,
                        "size": 0,
                        "space_saving_ratio": 0,
                        "source_volume_id": "85b94a1f-ba4f-4aa9-accf-73c043144030",
                        "source_volume_name": "web-server-01-sys",
                        "source_volume_size": 40,
                        "snapshot_id": ""
                      }
                    ]
                  }
                }
              ]
            }
          },
          "replicating": {
            "summary": "A backup being replicated to another region",
            "description": "An available backup whose replication is under way: `extend_info.copy_status` is `copying`, `progress` (0 to 100)\nsays how far it got and `copy_from` names the destination region.\n",
            "value": {
              "checkpoint_items": [
                {
                  "id": "999ab1c1-2375-45a2-9a44-aff1487bd369",
                  "checkpoint_id": "5bc37239-04f7-4faa-a044-59c18f11fd31",
                  "name": "manualbk_8c3f",
                  "status": "available",
                  "resource_id": "c2b524b4-6903-4d22-bf86-1d4b99e24be9",
                  "resource_type": "OS::Nova::Server",
                  "created_at": "2017-04-18T01:21:52.701973",
                  "updated_at": "2017-04-18T02:07:31.554012",
                  "backup_data": {
                    "eip": "",
                    "cloudservicetype": "QEMU",
                    "ram": 16384,
                    "vcpus": 8,
                    "__openstack_region_name": "ap-southeast-1",
                    "private_ip": "192.168.1.57",
                    "disk": 100,
                    "imagetype": "private"
                  },
                  "extend_info": {
                    "auto_trigger": false,
                    "average_speed": 51200,
                    "copy_from": "ap-southeast-3",
                    "copy_status": "copying",
                    "fail_code": {},
                    "fail_op": "",
                    "fail_reason": "",
                    "image_type": "backup",
                    "incremental": false,
                    "progress": 42,
                    "resource_az": "ap-southeast-1b",
                    "resource_name": "db-primary",
                    "resource_type": "OS::Nova::Server",
                    "size": 30720,
                    "space_saving_ratio": 25,
                    "supported_restore_mode": "backup",
                    "support_lld": true,
                    "taskid": "7a9e4c10-23ff-11e7-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "finished_at": "2017-04-18T01:43:05.320114",
                    "os_images_data": [],
                    "volume_backups": [
                      {
                        "id": "a4d5d32a-7d16-4e89-a2d4-4ca9afbbf39a",
                        "name": "manualbk_8c3f",
                        "status": "available",
                        "bootable": true,
                        "incremental": false,
                        "image_type": "backup",
                        "average_speed": 50,
                        "size": 10240,
                        "space_saving_ratio": 20,
                        "source_volume_id": "fba46b0d-fca2-4bd0-81fe-b2e36bc13827",
                        "source_volume_name": "db-primary-sys",
                        "source_volume_size": 100,
                        "snapshot_id": "ca2416a7-4356-4f0d-b927-12f9e2660a48"
                      },
                      {
                        "id": "7fabbd17-ee86-49fa-a746-1c7acece2265",
                        "name": "manualbk_8c3f",
                        "status": "available",
                        "bootable": false,
                        "incremental": false,
                        "image_type": "backup",
                        "average_speed": 50,
                        "size": 20480,
                        "space_saving_ratio": 28,
                        "source_volume_id": "8aa73cf0-9a78-4f31-be2f-881c9d72346a",
                        "source_volume_name": "db-primary-data",
                        "source_volume_size": 500,
                        "snapshot_id": "ca2416a7-4356-4f0d-b927-12f9e2660a48"
                      }
                    ]
                  }
                }
              ]
            }
          },
          "tagged": {
            "summary": "A backup with tags and a description",
            "description": "An available backup labelled with `tags` (unique keys; letters, digits, `-` and `_`) and a `description`.",
            "value": {
              "checkpoint_items": [
                {
                  "id": "292455ac-7ca5-4e41-ab7f-a003d6eee987",
                  "checkpoint_id": "99d358ef-74b8-4b7f-9c35-7caf541a3bed",
                  "name": "pre-upgrade-2017-04",
                  "description": "Taken before the database upgrade to 5.7; keep until the upgrade is signed off.",
                  "status": "available",
                  "resource_id": "7bb6a5d7-3c65-47d0-a73d-8e21fdda8f19",
                  "resource_type": "OS::Nova::Server",
                  "created_at": "2017-04-17T22:00:03.118402",
                  "updated_at": "2017-04-17T22:09:47.902217",
                  "tags": [
                    {
                      "key": "env",
                      "value": "production"
                    },
                    {
                      "key": "owner",
                      "value": "team-payments"
                    },
                    {
                      "key": "retain_until",
                      "value": "2017-05-31"
                    },
                    {
                      "key": "pre_upgrade",
                      "value": ""
                    }
                  ],
                  "backup_data": {
                    "eip": "94.74.80.201",
                    "cloudservicetype": "QEMU",
                    "ram": 4096,
                    "vcpus": 2,
                    "__openstack_region_name": "ap-southeast-1",
                    "private_ip": "192.168.0.88",
                    "disk": 40,
                    "imagetype": "gold"
                  },
                  "extend_info": {
                    "auto_trigger": false,
                    "average_speed": 20480,
                    "copy_from": "",
                    "copy_status": "na",
                    "fail_code": {},
                    "fail_op": "",
                    "fail_reason": "",
                    "image_type": "backup",
                    "incremental": false,
                    "progress": 100,
                    "resource_az": "ap-southeast-1a",
                    "resource_name": "payments-db-01",
                    "resource_type": "OS::Nova::Server",
                    "size": 6144,
                    "space_saving_ratio": 15,
                    "supported_restore_mode": "backup",
                    "support_lld": true,
                    "taskid": "6e0f81b2-23b9-11e7-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "finished_at": "2017-04-17T22:09:47.895531",
                    "os_images_data": [
                      {
                        "image_id": "89e3aba0-d227-4fa8-ab43-d35f8fdbbe26"
                      }
                    ],
                    "volume_backups": [
                      {
                        "id": "239a64e5-bb9f-47de-8115-7e647508f991",
                        "name": "pre-upgrade-2017-04",
                        "status": "available",
                        "bootable": true,
                        "incremental": false,
                        "image_type": "backup",
                        "average_speed": 20,
                        "size": 6144,
                        "space_saving_ratio": 15,
                        "source_volume_id": "b94640d6-dce3-4770-a12f-a248251e7c0c",
                        "source_volume_name": "payments-db-01-sys",
                        "source_volume_size": 40,
                        "snapshot_id": "a4b31e31-aac4-460b-aec5-d7614bf5c0b4"
                      }
                    ]
                  }
                }
              ]
            }
          },
          "multi": {
            "summary": "A page of several backups",
            "description": "A page of four backups in different states and of different resource types: a finished server backup, a server\nbackup in progress, a failed bare metal server backup and a disk backup being deleted. The next page starts after\nthe last `id` (pass it as `marker`).\n",
            "value": {
              "checkpoint_items": [
                {
                  "id": "221194ea-d2de-41f6-abb0-355e29fe6198",
                  "checkpoint_id": "90f867c5-43a6-4ae9-a74d-20d175029eba",
                  "name": "autobk_a1f0",
                  "status": "available",
                  "resource_id": "87f2b4e2-7337-4489-981c-ff484026d73a",
                  "resource_type": "OS::Nova::Server",
                  "created_at": "2017-04-18T01:00:04.216650",
                  "updated_at": "2017-04-18T01:06:41.007215",
                  "backup_data": {
                    "eip": "94.74.81.33",
                    "cloudservicetype": "QEMU",
                    "ram": 4096,
                    "vcpus": 2,
                    "__openstack_region_name": "ap-southeast-1",
                    "private_ip": "192.168.0.12",
                    "disk": 40,
                    "imagetype": "gold"
                  },
                  "extend_info": {
                    "auto_trigger": true,
                    "average_speed": 18432,
                    "copy_from": "",
                    "copy_status": "na",
                    "fail_code": {},
                    "fail_op": "",
                    "fail_reason": "",
                    "image_type": "backup",
                    "incremental": true,
                    "progress": 100,
                    "resource_az": "ap-southeast-1a",
                    "resource_name": "web-server-02",
                    "resource_type": "OS::Nova::Server",
                    "size": 1024,
                    "space_saving_ratio": 60,
                    "supported_restore_mode": "backup",
                    "support_lld": true,
                    "taskid": "1f3b7a52-23f4-11e7-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "finished_at": "2017-04-18T01:06:40.998120",
                    "os_images_data": [],
                    "volume_backups": [
                      {
                        "id": "f1050f43-6cee-4390-971d-8e88872fdcf6",
                        "name": "autobk_a1f0",
                        "status": "available",
                        "bootable": true,
                        "incremental": true,
                        "image_type": "backup",
                        "average_speed": 18,
                        "size": 1024,
                        "space_saving_ratio": 60,
                        "source_volume_id": "1d22a97d-086d-4fa1-a919-08640c3d58aa",
                        "source_volume_name": "web-server-02-sys",
                        "source_volume_size": 40,
                        "snapshot_id": "c546216d-6bba-4e5c-bf5e-cc00db2ed996"
                      }
                    ]
                  }
                },
                {
                  "id": "50e428ba-3e12-4a02-8633-65e735185024",
                  "checkpoint_id": "f6a2a346-438a-4292-955d-0633a217cb98",
                  "name": "manualbk_2b7d",
                  "status": "protecting",
                  "resource_id": "657da981-5bc6-4271-b65e-514dec406683",
                  "resource_type": "OS::Nova::Server",
                  "created_at": "2017-04-18T01:19:30.442981",
                  "updated_at": "2017-04-18T01:19:31.120447",
                  "backup_data": {
                    "eip": "",
                    "cloudservicetype": "QEMU",
                    "ram": 8192,
                    "vcpus": 4,
                    "__openstack_region_name": "ap-southeast-1",
                    "private_ip": "192.168.0.31",
                    "disk": 40,
                    "imagetype": "private"
                  },
                  "extend_info": {
                    "auto_trigger": false,
                    "average_speed": 0,
                    "copy_from": "",
                    "copy_status": "na",
                    "fail_code": {},
                    "fail_op": "",
                    "fail_reason": "",
                    "image_type": "backup",
                    "incremental": false,
                    "progress": 0,
                    "resource_az": "ap-southeast-1b",
                    "resource_name": "app-server-01",
                    "resource_type": "OS::Nova::Server",
                    "size": 0,
                    "space_saving_ratio": 0,
                    "supported_restore_mode": "na",
                    "support_lld": false,
                    "taskid": "5d2c0e7e-23f6-11e7-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "os_images_data": [],
                    "volume_backups": []
                  }
                },
                {
                  "id": "b2334725-745d-4fef-9206-c1efa9a69562",
                  "checkpoint_id": "946b8f49-a8d2-4d89-b91b-6ed837732f29",
                  "name": "autobk_77c4",
                  "status": "error",
                  "resource_id": "1dc9cf2a-5598-4843-8faa-edbd2d4a0c75",
                  "resource_type": "OS::Ironic::BareMetalServer",
                  "created_at": "2017-04-18T00:00:05.903114",
                  "updated_at": "2017-04-18T00:02:13.651872",
                  "backup_data": {
                    "eip": "",
                    "cloudservicetype": "BMS",
                    "ram": 262144,
                    "vcpus": 48,
                    "__openstack_region_name": "ap-southeast-1",
                    "private_ip": "192.168.2.5",
                    "disk": 0,
                    "imagetype": "private"
                  },
                  "extend_info": {
                    "auto_trigger": true,
                    "average_speed": 0,
                    "copy_from": "",
                    "copy_status": "na",
                    "fail_code": {
                      "Code": 64006014,
                      "Description": "The agent on the bare metal server did not respond."
                    },
                    "fail_op": "backup",
                    "fail_reason": "The backup agent of server bms-analytics-01 did not answer within 120 seconds.",
                    "image_type": "backup",
                    "incremental": false,
                    "progress": 0,
                    "resource_az": "ap-southeast-1a",
                    "resource_name": "bms-analytics-01",
                    "resource_type": "OS::Ironic::BareMetalServer",
                    "size": 0,
                    "space_saving_ratio": 0,
                    "supported_restore_mode": "na",
                    "support_lld": false,
                    "taskid": "0b8e6d40-23ee-11e7-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "finished_at": "2017-04-18T00:02:13.644090",
                    "os_images_data": [],
                    "volume_backups": []
                  }
                },
                {
                  "id": "b103210f-14f8-48ed-8394-34a4fa659d01",
                  "checkpoint_id": "c8f519bb-fed2-49c0-a98e-8a6738fa0250",
                  "name": "manualbk_0e95",
                  "description": "Data disk of the old reporting server",
                  "status": "deleting",
                  "resource_id": "d04dce02-d970-4436-9914-91c662400c29",
                  "resource_type": "OS::Cinder::Volume",
                  "created_at": "2017-03-02T08:14:27.530018",
                  "updated_at": "2017-04-18T01:12:55.274303",
                  "extend_info": {
                    "auto_trigger": false,
                    "average_speed": 10240,
                    "copy_from": "",
                    "copy_status": "na",
                    "fail_code": {},
                    "fail_op": "",
                    "fail_reason": "",
                    "image_type": "backup",
                    "incremental": false,
                    "progress": 100,
                    "resource_az": "ap-southeast-1c",
                    "resource_name": "reporting-data",
                    "resource_type": "OS::Cinder::Volume",
                    "size": 51200,
                    "space_saving_ratio": 10,
                    "supported_restore_mode": "backup",
                    "support_lld": false,
                    "taskid": "8c4d2e90-ff3a-11e6-bf23-0242ac110007",
                    "hypervisor_type": "QEMU",
                    "finished_at": "2017-03-02T08:31:02.117645",
                    "volume_backups": [
                      {
                        "id": "ad53e6ae-98fc-4fa9-8779-38c910968ef8",
                        "name": "manualbk_0e95",
                        "status": "deleting",
                        "bootable": false,
                        "incremental": false,
                        "image_type": "backup",
                        "average_speed": 10,
                        "size": 51200,
                        "space_saving_ratio": 10,
                        "source_volume_id": "d04dce02-d970-4436-9914-91c662400c29",
                        "source_volume_name": "reporting-data",
                        "source_volume_size": 100,
                        "snapshot_id": "c212f2b8-c087-41dd-b79e-074bc8d194fd"
                      }
                    ]
                  }
                }
              ]
            }
          }
        },
        "example": {
          "checkpoint_items": [
            {
              "status": "available",
              "backup_data": {
                "eip": "",
                "cloudservicetype": "",
                "ram": 4096,
                "vcpus": 4,
                "__openstack_region_name": "",
                "private_ip": "",
                "disk": 0,
                "imagetype": ""
              },
              "name": "backup_d32c",
              "resource_id": "f45c477a-57e5-465f-999f-d845083962db",
              "created_at": "2017-04-15T04:20:37.277880",
              "checkpoint_id": "f672a1bb-6912-446a-816c-72792c5263e0",
              "updated_at": "2017-04-15T04:25:38.680638",
              "resource_type": "OS::Nova::Server",
              "extend_info": {
                "auto_trigger": false,
                "space_saving_ratio": 0,
                "copy_status": "na",
                "fail_reason": "",
                "resource_az": "az1.dc1",
                "image_type": "backup",
                "finished_at": "2017-04-15T04:25:38.675478",
                "average_speed": 0,
                "copy_from": "",
                "supported_restore_mode": "backup",
                "support_lld": false,
                "os_images_data": [
                  {
                    "image_id": "fe84dd80-0229-4918-8d3d-cbb33154b565"
                  }
                ],
                "volume_backups": [
                  {
                    "status": "available",
                    "space_saving_ratio": 0,
                    "name": "manualbk_47222",
                    "bootable": true,
                    "average_speed": 0,
                    "source_volume_size": 20,
                    "source_volume_id": "ee27f809-6fb5-40ae-ac46-c932bb4ee8fe",
                    "incremental": false,
                    "image_type": "backup",
                    "source_volume_name": "karbor_xj_02",
                    "id": "70675cbc-d3a8-43a7-9f81-c8b6bc3f5d6d",
                    "size": 0,
                    "snapshot_id": "36f520e1-d2ea-4907-956a-3d9cd53e2d38"
                  },
                  {
                    "status": "available",
                    "space_saving_ratio": 0,
                    "name": "manualbk_47222",
                    "bootable": true,
                    "average_speed": 0,
                    "source_volume_size": 20,
                    "source_volume_id": "e7f48980-927c-48de-afd4-f0245d2e5100",
                    "incremental": false,
                    "image_type": "backup",
                    "source_volume_name": "karbor_01",
                    "id": "8eb98e91-8924-4d4b-b6d6-28fb7b751e9c",
                    "size": 0,
                    "snapshot_id": "36f520e1-d2ea-4907-956a-3d9cd53e2d38"
                  }
                ],
                "fail_code": {},
                "incremental": false,
                "taskid": "e0a21692-2192-11e7-bf23-0242ac110007",
                "hypervisor_type": "QEMU",
                "progress": 100,
                "fail_op": "",
                "resource_name": "karbor_02",
                "size": 0
              },
              "id": "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190"
            }
          ]
        },
        "headers": []
      },
      "errors": [
        {
          "status": 400,
          "description": "Invalid request parameters: a parameter has the wrong type, is out of range or is not one of its allowed values.",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "invalid_parameter": {
              "summary": "A parameter failed validation",
              "value": {
                "error_code": "CSBS.9001",
                "error_msg": "Invalid request parameters."
              }
            }
          },
          "example": {
            "error_code": "CSBS.9001",
            "error_msg": "Invalid request parameters."
          },
          "headers": []
        },
        {
          "status": 401,
          "description": "Authentication failed: the X-Auth-Token is missing, expired or invalid, or the AK/SK signature does not verify. Answered by API Gateway, which adds request_id.",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "token_invalid": {
              "summary": "API Gateway rejected the IAM token",
              "value": {
                "error_code": "APIGW.0301",
                "error_msg": "Incorrect IAM authentication information: decrypt token fail",
                "request_id": "0a6bf6d5a3c4e9f2c0e5e2b84f5f2a31"
              }
            }
          },
          "example": {
            "error_code": "APIGW.0301",
            "error_msg": "Incorrect IAM authentication information: decrypt token fail",
            "request_id": "0a6bf6d5a3c4e9f2c0e5e2b84f5f2a31"
          },
          "headers": []
        },
        {
          "status": 403,
          "description": "No operation permission: the user may not query these backups (for example all_tenants=true without administrator rights).",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "no_permission": {
              "summary": "The user lacks permission",
              "value": {
                "error_code": "CSBS.9009",
                "error_msg": "No operation permission."
              }
            }
          },
          "example": {
            "error_code": "CSBS.9009",
            "error_msg": "No operation permission."
          },
          "headers": []
        },
        {
          "status": 404,
          "description": "Requested object not found: for example an unknown project_id.",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "project_not_found": {
              "summary": "The project does not exist",
              "value": {
                "error_code": "CSBS.9004",
                "error_msg": "Requested object not found."
              }
            }
          },
          "example": {
            "error_code": "CSBS.9004",
            "error_msg": "Requested object not found."
          },
          "headers": []
        },
        {
          "status": 429,
          "description": "Too many requests: API Gateway's throttling, answered by the gateway in front of CSBS (error code `APIGW.0308`,\nwith `request_id`), not by CSBS itself. Wait as `Retry-After` says, then retry.\n",
          "ours": "The source document does not list 429; API Gateway answers it to any throttled Huawei Cloud API call.",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "throttled": {
              "summary": "API Gateway throttled the request",
              "value": {
                "error_code": "APIGW.0308",
                "error_msg": "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute",
                "request_id": "6f1c4d2a9b8e7f3a5c0d1e2f3a4b5c6d"
              }
            }
          },
          "example": {
            "error_code": "APIGW.0308",
            "error_msg": "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute",
            "request_id": "6f1c4d2a9b8e7f3a5c0d1e2f3a4b5c6d"
          },
          "headers": [
            {
              "name": "Retry-After",
              "description": "How long to wait before trying again: a number of seconds (`1`) or an HTTP date. `@csbs/client` waits that long\n(at most 60 s) before its next attempt. Not in the source document: documented by csbs-api.\n",
              "schema": {
                "type": "string",
                "description": "Delay in seconds, or an HTTP date (RFC 9110 §10.2.3)."
              }
            }
          ]
        },
        {
          "status": 500,
          "description": "Service internal error. Retrying later may succeed.",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "internal_error": {
              "summary": "The service failed",
              "value": {
                "error_code": "CSBS.9999",
                "error_msg": "Service internal error."
              }
            }
          },
          "example": {
            "error_code": "CSBS.9999",
            "error_msg": "Service internal error."
          },
          "headers": []
        },
        {
          "status": 503,
          "description": "Service unavailable: the service is overloaded or under maintenance. Retry later, honouring Retry-After when it is sent.",
          "schema": {
            "type": "object",
            "description": "The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request.",
            "required": [
              "error_code",
              "error_msg"
            ],
            "properties": {
              "error_code": {
                "type": "string",
                "description": "The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway)."
              },
              "error_msg": {
                "type": "string",
                "description": "What went wrong, in English."
              },
              "request_id": {
                "type": "string",
                "description": "The request ID, set by API Gateway on the failures it answers itself."
              }
            }
          },
          "examples": {
            "service_unavailable": {
              "summary": "The service is temporarily unavailable",
              "value": {
                "error_code": "CSBS.9998",
                "error_msg": "Service unavailable."
              }
            }
          },
          "example": {
            "error_code": "CSBS.9998",
            "error_msg": "Service unavailable."
          },
          "headers": [
            {
              "name": "Retry-After",
              "description": "How long to wait before trying again: a number of seconds (`1`) or an HTTP date. `@csbs/client` waits that long\n(at most 60 s) before its next attempt. Not in the source document: documented by csbs-api.\n",
              "schema": {
                "type": "string",
                "description": "Delay in seconds, or an HTTP date (RFC 9110 §10.2.3)."
              }
            }
          ]
        }
      ],
      "security": [
        [
          "IamToken"
        ],
        [
          "AkSkSignature"
        ]
      ],
      "authHeaders": [
        "X-Auth-Token",
        "Authorization"
      ],
      "pagination": {
        "style": "marker",
        "items": "checkpoint_items",
        "id": "id",
        "marker": "marker",
        "limit": "limit",
        "offset": "offset",
        "defaultLimit": 1000
      },
      "sort": {
        "parameter": "sort",
        "keys": {
          "created_at": {
            "field": "created_at",
            "hidden": false
          },
          "updated_at": {
            "field": "updated_at",
            "hidden": false
          },
          "name": {
            "field": "name",
            "hidden": false
          },
          "status": {
            "field": "status",
            "hidden": false
          },
          "protected_at": {
            "field": "protected_at",
            "hidden": true
          },
          "id": {
            "field": "id",
            "hidden": false
          }
        },
        "direction": "desc",
        "default": "created_at:desc",
        "tiebreaker": "id"
      }
    }
  ]
};
