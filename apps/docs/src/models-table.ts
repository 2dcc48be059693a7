/**
 * The models guide shows the table of supported models from `MODELS` itself, so the page
 * cannot fall behind the spec: the build replaces the marker with the table.
 */
export const modelsTable = {
  marker: '<!-- models-table -->',

  render(models: Readonly<Record<string, string>>): string {
    const rows = Object.entries(models).map(
      ([name, description]) => `| \`${name}\` | ${description} |`,
    );
    return ['| Model | What it is |', '|---|---|', ...rows].join('\n');
  },

  fill(markdown: string, models: Readonly<Record<string, string>>): string {
    return markdown.split(this.marker).join(this.render(models));
  },
};
