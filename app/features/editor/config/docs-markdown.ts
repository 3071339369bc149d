/**
 * The tiny Markdown subset node docs use (paragraphs, "- " lists with indented continuation
 * lines, ``` code blocks, `code` and **bold**), parsed to plain data the panel renders as React
 * elements: no HTML strings, so a plugin's docs cannot inject markup.
 */
export type Inline = { kind: 'text' | 'code' | 'bold'; text: string };
export type DocBlock = { kind: 'paragraph'; inline: Inline[] } | { kind: 'list'; items: Inline[][] } | { kind: 'code'; text: string };

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  for (const part of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
    if (!part) continue;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) out.push({ kind: 'code', text: part.slice(1, -1) });
    else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) out.push({ kind: 'bold', text: part.slice(2, -2) });
    else out.push({ kind: 'text', text: part });
  }
  return out;
}

export function parseDocs(markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inline: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimStart().startsWith('```')) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith('```'); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (/^\s*[-*] /.test(line)) {
      if (paragraph.length) {
        blocks.push({ kind: 'paragraph', inline: parseInline(paragraph.join(' ')) });
        paragraph = [];
      }
      (list ??= []).push(line.replace(/^\s*[-*] /, ''));
      continue;
    }
    if (list && /^\s+/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (list) flush();
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}
