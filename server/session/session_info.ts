/** What pg_catalog and the system functions report about a session (catalog/system SessionInfo). */
import type { SessionInfo } from '../../catalog/system/system_catalog.js';
import type { StartupInfo } from './api.js';
import type { Settings } from './settings.js';

export interface SessionInfoHost {
  readonly info: StartupInfo;
  readonly settings: Settings;
  readonly processId: number;
  reportParameter(name: string, value: string): void;
}

export function sessionInfoOf(host: SessionInfoHost): SessionInfo {
  return {
    user: host.info.user,
    database: host.info.database,
    backendPid: host.processId,
    setting: (name) => host.settings.get(name),
    settings: () => host.settings.all(),
    setSetting: (name, value) => {
      const reported = host.settings.set(name, value);
      if (reported !== null) host.reportParameter(reported[0], reported[1]);
      return host.settings.get(name);
    },
  };
}
