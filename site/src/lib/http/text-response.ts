/**
 * A response whose body is `text` as UTF-8 bytes. `new Response(string)` makes undici check the whole string for
 * lone surrogates (webidl's USVString) before encoding it: 1.5 s of a slow path for the 20 MB of /donnees/avis.json
 * at 10,000 notices. Encoding it here gives the same bytes (a lone surrogate becomes U+FFFD either way) at the cost
 * of the encoding alone.
 */
export function textResponse(text: string, contentType: string): Response {
  return new Response(Buffer.from(text, 'utf8'), { headers: { 'content-type': contentType } });
}

/**
 * A response whose body is the concatenation of `pieces` as UTF-8 bytes, each piece encoded when the body is read:
 * a file of tens of megabytes (the open-data files of a large territory) is then never one string in memory.
 */
export function textPiecesResponse(pieces: Iterable<string>, contentType: string): Response {
  const iterator = pieces[Symbol.iterator]();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(Buffer.from(next.value, 'utf8'));
    },
  });
  return new Response(body, { headers: { 'content-type': contentType } });
}
