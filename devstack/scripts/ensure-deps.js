#!/usr/bin/env node
// Runs before `npm start` and `npm test` (npm's pre-scripts), so a fresh clone needs no separate install step.
// Installs exactly what package-lock.json pins, and only when it changed since the last install.
'use strict';
const { createHash } = require('node:crypto');
const { execSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');

const root = resolve(__dirname, '../..');
const lock = readFileSync(resolve(root, 'package-lock.json'));
const stamp = resolve(root, 'node_modules/.omniflow-lock-sha256');
const wanted = createHash('sha256').update(lock).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);
console.log('[omniflow] installing npm dependencies (package-lock.json changed or first run)');
execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
writeFileSync(stamp, wanted);
