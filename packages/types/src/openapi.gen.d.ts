// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

export interface paths {
    "/v1/{project_id}/checkpoint_items": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Project ID.
                 * @example 0b4ea3bd1e8047b3b7fcbb4bbc8e7e63
                 */
                project_id: components["parameters"]["project_id"];
            };
            cookie?: never;
        };
        /**
         * Querying All Backups
         * @description This API is used to query all backups. Filtering parameters are supported.
         *
         *     Results are paged: pass the `id` of the last item of a page as `marker` to get the next one. A page shorter
         *     than `limit` is the last.
         */
        get: operations["listCheckpointItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Backup status.
         * @enum {string}
         */
        CheckpointItemStatus: "waiting_protect" | "protecting" | "available" | "waiting_restore" | "restoring" | "error" | "waiting_delete" | "deleting" | "deleted";
        /**
         * @description A UTC date and time without a time zone designator, `YYYY-MM-DDThh:mm:ss` with up to six fraction digits,
         *     for example `2017-04-18T01:21:52.701973`. (`format: date-time` is not used: RFC 3339 requires a time zone.)
         * @example 2017-04-18T01:21:52.701973
         */
        LocalDateTime: string;
        /** @description The error of a failed backup (`fail_code`); an empty object when it did not fail. */
        FailCode: {
            /**
             * Format: int64
             * @description Error code.
             */
            Code?: number;
            /** @description Error description. */
            Description?: string;
        };
        /** @description The backup of one EVS disk of the server (`volume_backup`). */
        VolumeBackup: {
            /**
             * Format: int32
             * @description Average rate, in MB/s.
             */
            average_speed?: number;
            /** @description Whether the disk is bootable. The value can be true or false. */
            bootable?: boolean;
            /** @description Cinder backup ID. */
            id?: string;
            /**
             * @description Backup set type: backup.
             * @enum {string}
             */
            image_type?: "backup";
            /** @description Whether incremental backup is used. */
            incremental?: boolean;
            /** @description EVS disk backup name. */
            name?: string;
            /**
             * Format: int32
             * @description Accumulated size (MB) of backups.
             */
            size?: number;
            /** @description Source disk ID. */
            source_volume_id?: string;
            /**
             * Format: int32
             * @description Source volume size in GB.
             */
            source_volume_size?: number;
            /**
             * Format: int32
             * @description Space saving rate.
             */
            space_saving_ratio?: number;
            /** @description Status of the disk backup. */
            status?: string;
            /** @description Source volume name. */
            source_volume_name?: string;
            /** @description ID of the snapshot from which the backup is generated. */
            snapshot_id?: string;
        };
        /** @description An image created from the backup (`image_data`). */
        ImageData: {
            /** @description Image ID. */
            image_id?: string;
        };
        /** @description Extension information of a backup (`extend_info`). */
        ExtendInfo: {
            /** @description Whether automatic trigger is enabled. */
            auto_trigger?: boolean;
            /**
             * Format: int32
             * @description Average rate. The unit is kb/s.
             */
            average_speed?: number;
            /** @description The destination region of a backup replication. The default value is empty. */
            copy_from?: string;
            /**
             * @description Backup replication status. The default value is na.
             * @default na
             * @enum {string}
             */
            copy_status?: "na" | "replica_copy" | "copying" | "success" | "fail";
            /** @description Error code. An empty object when the backup did not fail. */
            fail_code?: components["schemas"]["FailCode"];
            /**
             * @description Type of the failed operation: `backup`, `restore` or `delete`. The source document's own example answers
             *     `""` for a backup that did not fail, so the empty string is accepted too and means "no failed operation".
             * @enum {string}
             */
            fail_op?: "backup" | "restore" | "delete" | "";
            /** @description Failure cause. Empty when the backup did not fail. */
            fail_reason?: string;
            /** @description Backup type. For example, backup. */
            image_type?: string;
            /** @description Whether the backup is an enhanced backup. */
            incremental?: boolean;
            /**
             * Format: int32
             * @description Replication progress. The value is an integer ranging from 0 to 100.
             */
            progress?: number;
            /** @description AZ to which the backup resource belongs. */
            resource_az?: string;
            /** @description Backup object name. */
            resource_name?: string;
            /** @description Type of the backup object. For example, OS::Nova::Server. */
            resource_type?: string;
            /**
             * Format: int32
             * @description Backup capacity. The unit is MB.
             */
            size?: number;
            /**
             * Format: int32
             * @description Space saving rate.
             */
            space_saving_ratio?: number;
            /** @description Volume backup list. */
            volume_backups?: components["schemas"]["VolumeBackup"][];
            /** @description Backup completion time, for example, 2017-04-18T01:21:52.701973 */
            finished_at?: components["schemas"]["LocalDateTime"];
            /**
             * @description Restoration mode. Possible values are na, snapshot, and backup.
             *     `backup`: data is restored from backups of the EVS disks of the server. `na`: restoration is not supported.
             * @enum {string}
             */
            supported_restore_mode?: "na" | "snapshot" | "backup";
            /** @description Image data. This parameter has a value if an image has been created for the VM. */
            os_images_data?: components["schemas"]["ImageData"][];
            /** @description Whether to allow lazyloading for fast restoration. */
            support_lld?: boolean;
            /** @description Job ID. */
            taskid?: string;
            /**
             * @description Virtualization type. The value is fixed at QEMU.
             * @enum {string}
             */
            hypervisor_type?: "QEMU";
        };
        /** @description VM metadata of a backup (`backup_data`). */
        BackupData: {
            /**
             * @description Name of the AZ where the server is located. If this parameter is left blank, such information about the server
             *     has not been obtained.
             */
            __openstack_region_name?: string;
            /** @description Server type. */
            cloudservicetype?: string;
            /**
             * Format: int32
             * @description System disk size corresponding to the server specifications.
             */
            disk?: number;
            /**
             * @description Image type: `gold` (public image), `private` (private image) or `market` (market image). The source document's
             *     own example answers `""`, so the empty string is accepted too and means the image type has not been obtained.
             * @enum {string}
             */
            imagetype?: "gold" | "private" | "market" | "";
            /**
             * Format: int32
             * @description Memory size of the server, in MB.
             */
            ram?: number;
            /**
             * Format: int32
             * @description CPU cores corresponding to the server.
             */
            vcpus?: number;
            /**
             * @description Elastic IP address of the server. If this parameter is left blank, such information about the server has not
             *     been obtained.
             */
            eip?: string;
            /**
             * @description Internal IP address of the server. If this parameter is left blank, such information about the server has not
             *     been obtained.
             */
            private_ip?: string;
        };
        /** @description A tag of a backup (`resource_tag`). */
        ResourceTag: {
            /**
             * @description Tag key. It consists of up to 36 characters. It cannot be an empty string. It can contain only letters, digits,
             *     hyphens (-), and underscores (_).
             */
            key: string;
            /**
             * @description Tag value. It consists of up to 43 characters. It can be an empty string. It can contain only letters, digits,
             *     hyphens (-), and underscores (_).
             */
            value?: string;
        };
        /**
         * @description A backup (`checkpoint_item`). The source document marks no response field as mandatory; the fields that identify a
         *     backup and that every example has (`id`, `checkpoint_id`, `name`, `status`, `resource_id`, `resource_type`,
         *     `created_at`, `updated_at`) are required here, the rest optional.
         */
        CheckpointItem: {
            /** @description Backup record ID. */
            checkpoint_id: string;
            /** @description Creation time, for example, 2017-04-18T01:21:52.701973 */
            created_at: components["schemas"]["LocalDateTime"];
            /** @description Extension information. */
            extend_info?: components["schemas"]["ExtendInfo"];
            /** @description Backup ID. Pass the last item's `id` as `marker` to get the next page. */
            id: string;
            /** @description Backup name. */
            name: string;
            /** @description ID of the object to be backed up. */
            resource_id: string;
            /**
             * @description Backup status. The value can be waiting_protect, protecting, available, waiting_restore, restoring, error,
             *     waiting_delete, deleting, or deleted.
             */
            status: components["schemas"]["CheckpointItemStatus"];
            /** @description Modification time, for example, 2017-04-18T01:21:52.701973 */
            updated_at: components["schemas"]["LocalDateTime"];
            /** @description VM metadata. */
            backup_data?: components["schemas"]["BackupData"];
            /** @description Backup description. */
            description?: string;
            /** @description List of backup tags. Keys in the tag list must be unique. */
            tags?: components["schemas"]["ResourceTag"][];
            /** @description Type of backup objects, for example `OS::Nova::Server`. */
            resource_type: string;
        };
        /** @description The body of a successful answer to Querying All Backups. */
        CheckpointItemList: {
            /** @description The backups of this page, in the requested order. */
            checkpoint_items: components["schemas"]["CheckpointItem"][];
        };
        /** @description The CSBS error body. API Gateway failures (codes `APIGW.*`) add the `request_id` of the request. */
        ErrorBody: {
            /** @description The error code, for example `CSBS.9001` (service) or `APIGW.0301` (API Gateway). */
            error_code: string;
            /** @description What went wrong, in English. */
            error_msg: string;
            /** @description The request ID, set by API Gateway on the failures it answers itself. */
            request_id?: string;
        };
    };
    responses: {
        /** @description Invalid request parameters: a parameter has the wrong type, is out of range or is not one of its allowed values. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Authentication failed: the X-Auth-Token is missing, expired or invalid, or the AK/SK signature does not verify. Answered by API Gateway, which adds request_id. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description No operation permission: the user may not query these backups (for example all_tenants=true without administrator rights). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Requested object not found: for example an unknown project_id. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description Too many requests: API Gateway's throttling, answered by the gateway in front of CSBS (error code `APIGW.0308`,
         *     with `request_id`), not by CSBS itself. Wait as `Retry-After` says, then retry.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Service internal error. Retrying later may succeed. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Service unavailable: the service is overloaded or under maintenance. Retry later, honouring Retry-After when it is sent. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: {
        /**
         * @description Project ID.
         * @example 0b4ea3bd1e8047b3b7fcbb4bbc8e7e63
         */
        project_id: string;
        /**
         * @description Query based on field status is supported.
         * @example available
         */
        status: components["schemas"]["CheckpointItemStatus"];
        /**
         * @description Number of resources displayed per page. The value must be a positive integer. The value defaults to 1000.
         * @example 100
         */
        limit: number;
        /**
         * @description ID of the last record displayed on the previous page (the `id` of its last item).
         * @example 90c1d5fa-1b9f-4aeb-b2f4-81c806e98190
         */
        marker: string;
        /**
         * @description A group of properties separated by commas (,) and sorting directions. The value format is
         *     `<key1>[:<direction>],<key2>[:<direction>]`, where the value of direction is `asc` (in ascending order) or `desc`
         *     (in descending order). If the parameter direction is not specified, the default sorting direction is `desc`. The
         *     value of sort contains a maximum of 255 characters. Enumeration values of the key are as follows: `created_at`,
         *     `updated_at`, `name`, `status`, `protected_at`, and `id`.
         * @example created_at:desc,name
         */
        sort: string;
        /**
         * @description Whether to query the backup of all tenants. Only administrators can query the backup of all tenants.
         * @example false
         */
        all_tenants: boolean;
        /**
         * @description Query based on field name is supported.
         * @example backup_d32c
         */
        name: string;
        /**
         * @description Filtering based on the backup AZ is supported.
         * @example az1.dc1
         */
        az: string;
        /**
         * @description Filtering based on the backup object ID is supported.
         * @example f45c477a-57e5-465f-999f-d845083962db
         */
        resource_id: string;
        /**
         * @description Filtering based on the backup object name is supported.
         * @example karbor_02
         */
        resource_name: string;
        /**
         * @description Filtering based on the backup start time is supported. For example: `2017-04-18T01:21:52.701973`
         *     (UTC, no time zone designator).
         * @example 2017-04-18T01:21:52.701973
         */
        start_time: components["schemas"]["LocalDateTime"];
        /**
         * @description Filtering based on the backup end time is supported. For example: `2017-04-18T01:21:52.701973`
         *     (UTC, no time zone designator).
         * @example 2017-04-18T01:21:52.701973
         */
        end_time: components["schemas"]["LocalDateTime"];
        /**
         * @description Supports filtering by image type, for example, backup.
         * @example backup
         */
        image_type: string;
        /**
         * @description Filtering based on policy_id is supported.
         * @example 4d2f5b3a-9e1c-4f6a-8b7d-2c3e4f5a6b7c
         */
        policy_id: string;
        /**
         * @description Offset value: the number of records to skip. The source document says "Offset value, which is a positive integer."
         *
         *     Added by this document (csbs-api): 0 is accepted too and skips nothing (the natural first page), so the lower bound
         *     is 0, not 1.
         * @example 0
         */
        offset: number;
        /**
         * @description Filtering based on checkpoint_id is supported.
         * @example f672a1bb-6912-446a-816c-72792c5263e0
         */
        checkpoint_id: string;
        /**
         * @description Type of the backup object. For example, OS::Nova::Server
         * @example OS::Nova::Server
         */
        resource_type: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description How long to wait before trying again: a number of seconds (`1`) or an HTTP date. `@csbs/client` waits that long
         *     (at most 60 s) before its next attempt. Not in the source document: documented by csbs-api.
         * @example 1
         */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listCheckpointItems: {
        parameters: {
            query?: {
                /**
                 * @description Query based on field status is supported.
                 * @example available
                 */
                status?: components["parameters"]["status"];
                /**
                 * @description Number of resources displayed per page. The value must be a positive integer. The value defaults to 1000.
                 * @example 100
                 */
                limit?: components["parameters"]["limit"];
                /**
                 * @description ID of the last record displayed on the previous page (the `id` of its last item).
                 * @example 90c1d5fa-1b9f-4aeb-b2f4-81c806e98190
                 */
                marker?: components["parameters"]["marker"];
                /**
                 * @description A group of properties separated by commas (,) and sorting directions. The value format is
                 *     `<key1>[:<direction>],<key2>[:<direction>]`, where the value of direction is `asc` (in ascending order) or `desc`
                 *     (in descending order). If the parameter direction is not specified, the default sorting direction is `desc`. The
                 *     value of sort contains a maximum of 255 characters. Enumeration values of the key are as follows: `created_at`,
                 *     `updated_at`, `name`, `status`, `protected_at`, and `id`.
                 * @example created_at:desc,name
                 */
                sort?: components["parameters"]["sort"];
                /**
                 * @description Whether to query the backup of all tenants. Only administrators can query the backup of all tenants.
                 * @example false
                 */
                all_tenants?: components["parameters"]["all_tenants"];
                /**
                 * @description Query based on field name is supported.
                 * @example backup_d32c
                 */
                name?: components["parameters"]["name"];
                /**
                 * @description Filtering based on the backup AZ is supported.
                 * @example az1.dc1
                 */
                az?: components["parameters"]["az"];
                /**
                 * @description Filtering based on the backup object ID is supported.
                 * @example f45c477a-57e5-465f-999f-d845083962db
                 */
                resource_id?: components["parameters"]["resource_id"];
                /**
                 * @description Filtering based on the backup object name is supported.
                 * @example karbor_02
                 */
                resource_name?: components["parameters"]["resource_name"];
                /**
                 * @description Filtering based on the backup start time is supported. For example: `2017-04-18T01:21:52.701973`
                 *     (UTC, no time zone designator).
                 * @example 2017-04-18T01:21:52.701973
                 */
                start_time?: components["parameters"]["start_time"];
                /**
                 * @description Filtering based on the backup end time is supported. For example: `2017-04-18T01:21:52.701973`
                 *     (UTC, no time zone designator).
                 * @example 2017-04-18T01:21:52.701973
                 */
                end_time?: components["parameters"]["end_time"];
                /**
                 * @description Supports filtering by image type, for example, backup.
                 * @example backup
                 */
                image_type?: components["parameters"]["image_type"];
                /**
                 * @description Filtering based on policy_id is supported.
                 * @example 4d2f5b3a-9e1c-4f6a-8b7d-2c3e4f5a6b7c
                 */
                policy_id?: components["parameters"]["policy_id"];
                /**
                 * @description Offset value: the number of records to skip. The source document says "Offset value, which is a positive integer."
                 *
                 *     Added by this document (csbs-api): 0 is accepted too and skips nothing (the natural first page), so the lower bound
                 *     is 0, not 1.
                 * @example 0
                 */
                offset?: components["parameters"]["offset"];
                /**
                 * @description Filtering based on checkpoint_id is supported.
                 * @example f672a1bb-6912-446a-816c-72792c5263e0
                 */
                checkpoint_id?: components["parameters"]["checkpoint_id"];
                /**
                 * @description Type of the backup object. For example, OS::Nova::Server
                 * @example OS::Nova::Server
                 */
                resource_type?: components["parameters"]["resource_type"];
            };
            header?: never;
            path: {
                /**
                 * @description Project ID.
                 * @example 0b4ea3bd1e8047b3b7fcbb4bbc8e7e63
                 */
                project_id: components["parameters"]["project_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. The backups that match the filters, one page of them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckpointItemList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
