// rules/*.yml are bundled as their parsed value (scripts/yaml-data.mjs).
declare module '*.yml' {
  const value: unknown;
  export default value;
}
