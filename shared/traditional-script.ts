/**
 * The one cn→tw converter both sides use (the web for the pack's text on a 繁體 screen, the server for
 * the words of a 繁體 export): OpenCC's cn→tw — characters and Taiwan's variant forms, not its
 * vocabulary swaps such as 信息→資訊, because the wording is the centre's. Its dictionaries are ~1 MB:
 * loaded on the first use only (the web's bundler puts the dynamic import in a chunk of its own).
 */
export type TextConverter = (text: string) => string;

let traditional: Promise<TextConverter> | undefined;

export function loadTraditionalConverter(): Promise<TextConverter> {
  traditional ??= import('opencc-js/cn2t').then((opencc) => {
    const convert = opencc.Converter({ from: 'cn', to: 'tw' });
    return (text: string) => convert(text);
  });
  return traditional;
}
