/**
 * The only form an ID copy leaves the server in (VS-PRIVACY): an SVG with the image inside and the
 * watermark drawn over it — 再次复印无效 tiled across the card, and the date, purpose and viewer
 * in a band — so a screenshot or a print carries them too.
 */
export function watermarkedIdCopySvg(content: Uint8Array, contentType: string, lines: readonly string[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const href = `data:${contentType};base64,${Buffer.from(content).toString('base64')}`;
  const [stamp = '', ...band] = lines.map(escape);
  const tiles: string[] = [];
  for (let y = 60; y < 640; y += 110) {
    for (let x = -100; x < 1000; x += 330) tiles.push(`<text x="${x + ((y / 110) % 2) * 160}" y="${y}">${stamp}</text>`);
  }
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 700" width="1000" height="700">',
    `<image href="${href}" x="0" y="0" width="1000" height="620" preserveAspectRatio="xMidYMid meet"/>`,
    `<g fill="#d4380d" fill-opacity="0.38" font-size="44" font-weight="700" font-family="sans-serif" transform="rotate(-20 500 310)">${tiles.join('')}</g>`,
    '<rect x="0" y="620" width="1000" height="80" fill="#fff1f0"/>',
    `<text x="20" y="652" font-size="26" font-weight="700" fill="#a8071a" font-family="sans-serif">${stamp}</text>`,
    ...band.map((l, i) => `<text x="220" y="${652 + i * 32}" font-size="22" fill="#5c0011" font-family="sans-serif">${l}</text>`),
    '</svg>',
  ].join('');
}
