/**
 * The letters' font: Noto Sans (SIL Open Font License), embedded in each PDF, because the PDF
 * standard fonts cannot print ŵ or ŷ (a Welsh letter to Siân Llŷr came out as "LlW"d").
 * The build copies the two files beside the bundled core (`dist/core/fonts`, where a packaged
 * app's worker runs unpacked); from source they are read from node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const FILES = { regular: '400Regular/NotoSans_400Regular.ttf', bold: '700Bold/NotoSans_700Bold.ttf' } as const;
export const LETTER_FONT_PACKAGE = '@expo-google-fonts/noto-sans';

export function letterFont(weight: keyof typeof FILES): string {
  const name = FILES[weight].split('/')[1]!;
  // Bundled (dist/core/worker.cjs, dist/cli/plw.cjs): only the copy beside it, so a build that
  // left it out fails here, in the tests, rather than reading a node_modules a user does not have.
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    const beside = join(__dirname, 'fonts', name);
    if (!existsSync(beside)) throw new Error(`The letters' font is missing beside ${__filename}`);
    return beside;
  }
  return createRequire(join(process.cwd(), 'package.json')).resolve(`${LETTER_FONT_PACKAGE}/${FILES[weight]}`);
}
