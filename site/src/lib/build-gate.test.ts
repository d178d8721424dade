import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { waitForStartLine } from './build-gate.js';

describe('the start gate of a build started ahead of time', () => {
  it('opens at the first complete line and stops reading', async () => {
    const input = new PassThrough();
    let opened = false;
    const gate = waitForStartLine(input).then(() => {
      opened = true;
    });
    input.write('sta');
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toBe(false);
    input.write('rt\n');
    await gate;
    expect(opened).toBe(true);
    expect(input.destroyed).toBe(true);
  });

  it('opens when the line and the end of input arrive together', async () => {
    const input = new PassThrough();
    input.end('start\n');
    await expect(waitForStartLine(input)).resolves.toBeUndefined();
  });

  it('refuses to open when the input ends without a line, so an orphaned build stops instead of reading late', async () => {
    const input = new PassThrough();
    const gate = waitForStartLine(input);
    input.end('no newline');
    await expect(gate).rejects.toThrow(/input closed first/);
  });
});
