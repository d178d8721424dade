import PDFDocument from 'pdfkit';
import { certificateText, type CertificateData } from './certificate-text.js';

/** Characters the standard PDF fonts (WinAnsi) can show, beyond Latin-1: €, curly quotes, dashes, œ, Œ, Ÿ… */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters with a stroke do not decompose into base letter + mark. */
const STROKED: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

/**
 * The certificate uses Helvetica, which pdfkit ships (nothing is downloaded, nothing is embedded); its encoding
 * covers French. Other letters are folded to their base letter (Ł → L) rather than printed as garbage.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/[\u202f\u2009]/g, '\u00a0')) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)) out += char;
    else if (char === '\n') out += char;
    else out += STROKED[char] ?? (char.normalize('NFD').replace(/[^\x20-\x7e]/g, '') || '?');
  }
  return out;
}

/** Renders the attestation de formation as an A4 PDF. */
export async function renderCertificatePdf(data: CertificateData): Promise<Buffer> {
  const text = certificateText(data);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    info: {
      Title: toWinAnsi(`${text.heading} — ${data.trainingTitle}`),
      Author: 'Communauté d’agglomération Dracénie Provence Verdon',
      Subject: toWinAnsi(data.personName),
      CreationDate: data.issuedAt,
    },
    lang: 'fr-FR',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.font('Helvetica').fontSize(10).fillColor('#444444').text(toWinAnsi(text.issuer), { align: 'left' });
  doc.moveDown(4);
  doc.font('Helvetica-Bold').fontSize(24).fillColor('#000000').text(toWinAnsi(text.heading), { align: 'center' });
  doc.moveDown(2);
  doc.font('Helvetica').fontSize(12);
  for (const paragraph of text.paragraphs) doc.text(toWinAnsi(paragraph), { align: 'justify', lineGap: 4 }).moveDown();
  doc.moveDown();
  for (const [label, value] of text.details) {
    doc.font('Helvetica-Bold').text(`${toWinAnsi(label)} : `, { continued: true }).font('Helvetica').text(toWinAnsi(value));
    doc.moveDown(0.3);
  }
  doc.moveDown(3);
  doc.text(toWinAnsi(text.closing), { lineGap: 4 });
  doc.moveDown(2);
  doc.text('La direction de la commande publique', { align: 'right' });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
