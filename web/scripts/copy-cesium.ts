// Copies Cesium's static runtime (workers, assets incl. Natural Earth II imagery, widgets CSS) into
// static/cesium so the globe works fully offline. Skipped when the copy matches the installed version.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const cesiumPkg = createRequire(join(web, 'package.json')).resolve('cesium/package.json');
const version = (JSON.parse(readFileSync(cesiumPkg, 'utf8')) as { version: string }).version;
const source = join(dirname(cesiumPkg), 'Build', 'Cesium');
const target = join(web, 'static', 'cesium');
const marker = join(target, '.version');

if (existsSync(marker) && readFileSync(marker, 'utf8') === version) process.exit(0);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const dir of ['Workers', 'Assets', 'Widgets', 'ThirdParty'])
  cpSync(join(source, dir), join(target, dir), { recursive: true });
writeFileSync(marker, version);
process.stdout.write(`copied Cesium ${version} runtime to static/cesium\n`);
