// Test helper: every file under a directory, with the members of any .tar.gz in it unpacked, as text.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';

export async function tarMembers(file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await tar.t({
    file,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => out.set(entry.path, Buffer.concat(chunks).toString('utf8')));
    },
  });
  return out;
}

export async function allTexts(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(full, await readFile(full, 'utf8'));
    if (full.endsWith('.tar.gz')) for (const [p, t] of await tarMembers(full)) out.set(`${full}!${p}`, t);
  }
  return out;
}
