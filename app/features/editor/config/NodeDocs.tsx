'use client';

import { parseDocs, type Inline } from './docs-markdown.ts';

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'code' ? (
          <code key={i} className="rounded bg-subtle px-1 py-px font-mono text-[11.5px] text-fg">
            {part.text}
          </code>
        ) : part.kind === 'bold' ? (
          <strong key={i} className="font-semibold text-fg">
            {part.text}
          </strong>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** A node type's documentation, rendered from its Markdown subset. */
export function NodeDocs({ markdown }: { markdown: string }) {
  return (
    <div className="flex flex-col gap-2 text-[12.5px] leading-relaxed text-muted" data-testid="node-docs">
      {parseDocs(markdown).map((block, i) => {
        switch (block.kind) {
          case 'paragraph':
            return (
              <p key={i}>
                <InlineText parts={block.inline} />
              </p>
            );
          case 'list':
            return (
              <ul key={i} className="flex list-disc flex-col gap-1 pl-4 marker:text-faint">
                {block.items.map((item, j) => (
                  <li key={j}>
                    <InlineText parts={item} />
                  </li>
                ))}
              </ul>
            );
          case 'code':
            return (
              <pre key={i} className="overflow-x-auto rounded-md border border-line bg-subtle px-2.5 py-2 font-mono text-[11.5px] text-fg">
                {block.text}
              </pre>
            );
        }
      })}
    </div>
  );
}
