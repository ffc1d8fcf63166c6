/**
 * The one import site of zod (STYLE.md: one import site per heavy dependency): the schema language
 * of rule files (src/rules/kinds/) and of every other boundary that reads outside data (server
 * configuration, suppression files, gold files). The API's request schemas use the zod that
 * @hono/zod-openapi extends (src/api).
 */
export { z } from 'zod';
