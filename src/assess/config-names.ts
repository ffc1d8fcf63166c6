/** Names the config file may have, in lookup order (./config.ts reads the file; this list needs no schema). */
export const CONFIG_FILE_NAMES = ['.warrant.yaml', '.warrant.yml', '.warrant.json'] as const;
