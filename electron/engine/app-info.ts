/** The app's name and version, as recorded at the top of every journal and in exports. */
import pkg from '../../package.json';

export interface AppInfo {
  name: string;
  version: string;
}

export const APP_INFO: AppInfo = { name: pkg.name, version: pkg.version };
