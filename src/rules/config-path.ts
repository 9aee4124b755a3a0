/** Where plangate looks for its config when none is named, in this order; at most one may exist. Alone here: the guard reads it on every call without loading the rules. */
export const DEFAULT_CONFIG_PATHS = ['.github/plangate.yml', '.github/plangate.yaml'] as const;
