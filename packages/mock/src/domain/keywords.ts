const STOP_WORDS = new Set(
  (
    'a about above after again all also am an and any are as at be because been before being ' +
    'both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers him his how i if in into is it its itself just me more most my no ' +
    'nor not now of off on once only or other our out over own please same she should so some ' +
    'such tell than that the their them then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your'
  ).split(' '),
);

/**
 * The content words of a text in order of first appearance, lower-cased and de-duplicated.
 * Used to say what a prompt is "about" and to score sentences for summaries.
 */
export function keywords(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu)) {
    const word = match[0];
    if (word.length > 2 && !STOP_WORDS.has(word)) seen.add(word);
  }
  return [...seen];
}
