import type { MethodName } from './methods';

/**
 * Every contract method by name, without its zod schema: a client (the CLI's, the
 * browser's) needs only the names, and building the schemas is a good part of the
 * start-up of a short CLI command. methods.ts checks at compile time that this list and
 * `methods` name the same methods.
 */
export const METHOD_NAMES = [
  'getState', 'setRatio', 'undo', 'listProfiles', 'getProfile', 'createProfile', 'updateProfile',
  'deleteProfile', 'duplicateProfile', 'switchProfile', 'exportProfiles', 'importProfiles',
  'listPresets', 'applyPreset', 'savePreset', 'deletePreset', 'getHistory', 'getMetrics',
  'demoStart', 'demoStatus', 'demoLoad', 'demoFault', 'demoCrash', 'demoRestart', 'demoNewVersion',
  'updateStart', 'updateNext', 'updateAbort', 'getUpdate', 'exportConfig', 'setPaused',
  'probeEnvironment', 'environmentLogs', 'environmentRestart', 'adopt',
  'listRequests', 'getRequest', 'replayRequest', 'shadowStart', 'shadowStop', 'shadowStatus', 'tlsTrust',
] as const satisfies readonly MethodName[];
