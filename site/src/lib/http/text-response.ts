/**
 * A response whose body is `text` as UTF-8 bytes. `new Response(string)` makes undici check the whole string for
 * lone surrogates (webidl's USVString) before encoding it: 1.5 s of a slow path for the 20 MB of /donnees/avis.json
 * at 10,000 notices. Encoding it here gives the same bytes (a lone surrogate becomes U+FFFD either way) at the cost
 * of the encoding alone.
 */
export function textResponse(text: string, contentType: string): Response {
  return new Response(Buffer.from(text, 'utf8'), { headers: { 'content-type': contentType } });
}
