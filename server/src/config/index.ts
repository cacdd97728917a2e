/** Configuration: defaults per profile, .checkpatch.conf, .patchsmith.json, merging, loading. */
export { defaultConfig, isProfile, PROFILES, DEFAULT_MAX_LINE_LENGTH } from './defaults';
export { mergeConfig, formatConfigProblem, formatConfigProblems, type ConfigLayer, type ConfigProblem } from './layer';
export { parseCheckpatchConf, CHECKPATCH_CONF, type CheckpatchConf } from './checkpatchConf';
export { parsePatchsmithJson, PATCHSMITH_JSON, type PatchsmithJson } from './patchsmithJson';
export {
  loadConfig,
  findRepoRoot,
  checkpatchConfDirs,
  nodeConfigReader,
  type ConfigReader,
  type LoadConfigOptions,
  type LoadedConfig,
} from './load';
export { parseSpellingList, loadSpellingList, SPELLING_TXT, type SpellingList } from './spellingList';
