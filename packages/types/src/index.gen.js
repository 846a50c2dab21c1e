// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.
"use strict";
/** Every operation of the spec, in document order: what @csbs/client builds its methods from. */
exports.operationTable = [
  {
    "operationId": "listCheckpointItems",
    "method": "get",
    "path": "/v1/{project_id}/checkpoint_items",
    "parameters": [
      {
        "name": "project_id",
        "in": "path",
        "required": true
      },
      {
        "name": "status",
        "in": "query",
        "required": false
      },
      {
        "name": "limit",
        "in": "query",
        "required": false,
        "default": 1000
      },
      {
        "name": "marker",
        "in": "query",
        "required": false
      },
      {
        "name": "sort",
        "in": "query",
        "required": false
      },
      {
        "name": "all_tenants",
        "in": "query",
        "required": false
      },
      {
        "name": "name",
        "in": "query",
        "required": false
      },
      {
        "name": "az",
        "in": "query",
        "required": false
      },
      {
        "name": "resource_id",
        "in": "query",
        "required": false
      },
      {
        "name": "resource_name",
        "in": "query",
        "required": false
      },
      {
        "name": "start_time",
        "in": "query",
        "required": false
      },
      {
        "name": "end_time",
        "in": "query",
        "required": false
      },
      {
        "name": "image_type",
        "in": "query",
        "required": false
      },
      {
        "name": "policy_id",
        "in": "query",
        "required": false
      },
      {
        "name": "offset",
        "in": "query",
        "required": false
      },
      {
        "name": "checkpoint_id",
        "in": "query",
        "required": false
      },
      {
        "name": "resource_type",
        "in": "query",
        "required": false
      }
    ],
    "errorStatuses": [
      400,
      401,
      403,
      404,
      429,
      500,
      503
    ],
    "pagination": {
      "style": "marker",
      "items": "checkpoint_items",
      "id": "id",
      "marker": "marker",
      "limit": "limit",
      "offset": "offset",
      "defaultLimit": 1000
    }
  }
];
exports.commonPathParameters = [
  "project_id"
];
exports.enums = {
  "BackupDataImagetype": [
    "gold",
    "private",
    "market",
    ""
  ],
  "CheckpointItemStatus": [
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
  "ExtendInfoCopyStatus": [
    "na",
    "replica_copy",
    "copying",
    "success",
    "fail"
  ],
  "ExtendInfoFailOp": [
    "backup",
    "restore",
    "delete",
    ""
  ],
  "ExtendInfoHypervisorType": [
    "QEMU"
  ],
  "ExtendInfoSupportedRestoreMode": [
    "na",
    "snapshot",
    "backup"
  ],
  "VolumeBackupImageType": [
    "backup"
  ]
};
exports.sortKeys = {
  "listCheckpointItems": [
    "created_at",
    "updated_at",
    "name",
    "status",
    "protected_at",
    "id"
  ]
};
function sortBy(...terms) {
  return terms.map((term) => (typeof term === "string" ? term : term.filter(Boolean).join(":"))).join(",");
}
exports.sortBy = sortBy;
