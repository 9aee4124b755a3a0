/** Where plangate's config lives in a repository (alone here: the guard reads it on every call without loading the rules). */
export const DEFAULT_CONFIG_PATH = '.github/plangate.yml';
