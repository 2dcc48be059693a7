import type { OpenApiDocument } from '@chatroutes/openapi';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A heading the site's search turns into a result that opens `#anchor` of the page. */
const heading = (level: number, title: string, anchor: string) =>
  `<h${level} id="${anchor}">${escapeHtml(title)} <a class="header-anchor" href="#${anchor}"></a></h${level}>`;

/**
 * What the site's search indexes for the HTTP reference, whose content Redoc draws in the
 * browser: one section per tag and per operation, with the anchors Redoc gives them
 * (`#tag/Messages`, `#operation/sendMessage`), so a result opens Redoc at that operation.
 */
export function httpSearchText(spec: OpenApiDocument): string {
  const paths = (spec.paths ?? {}) as Record<string, Partial<Record<string, Operation>>>;
  const tags = ((spec as { tags?: { name: string; description?: string }[] }).tags ?? []).map(
    (tag) => ({ ...tag, operations: [] as string[] }),
  );
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const section = [
        heading(
          3,
          operation.summary ?? operation.operationId,
          `operation/${operation.operationId}`,
        ),
        `<p>${method.toUpperCase()} ${escapeHtml(path)} (${operation.operationId}). ${escapeHtml(operation.description ?? '')}</p>`,
      ].join('\n');
      const tag = tags.find((candidate) => operation.tags?.includes(candidate.name));
      tag?.operations.push(section);
    }
  }
  return tags
    .map((tag) =>
      [
        heading(2, tag.name, `tag/${tag.name}`),
        `<p>${escapeHtml(tag.description ?? '')}</p>`,
        ...tag.operations,
      ].join('\n'),
    )
    .join('\n');
}
