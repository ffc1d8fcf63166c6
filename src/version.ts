/** Tool version and report schema version (bump schemaVersion on any breaking report change). */
export const TOOL_VERSION = '0.1.0';
export const REPORT_SCHEMA_VERSION = '1.0.0';
