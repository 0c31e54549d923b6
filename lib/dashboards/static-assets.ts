import fs from 'node:fs';
import path from 'node:path';
import { plotlyJsPath } from '../charts/plotly-js';
import { projectRoot } from '../notebooks/notebook-database';

/** A file the server serves under `/assets/`, read once at start. */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

/**
 * The only files the server ever sends: plotly.js and the page's own script and style, by their
 * name under `/assets/`. Nothing else on disk is reachable from a URL.
 */
export function loadStaticAssets(): Map<string, StaticAsset> {
  const own = path.join(projectRoot(), 'lib', 'dashboards', 'assets');
  const files: [string, string, string][] = [
    ['plotly.min.js', plotlyJsPath(), 'text/javascript; charset=utf-8'],
    ['dashboard.js', path.join(own, 'dashboard.js'), 'text/javascript; charset=utf-8'],
    ['dashboard.css', path.join(own, 'dashboard.css'), 'text/css; charset=utf-8'],
  ];
  return new Map(files.map(([name, file, contentType]) => [name, { body: fs.readFileSync(file), contentType }]));
}
