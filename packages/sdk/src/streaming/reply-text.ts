/**
 * The reply text received so far, kept for the error a failed stream reports (`partialText`)
 * in as little memory as the text allows: as UTF-8, about a byte per character of a Latin
 * script, where a JS string of a reply holding any CJK or emoji takes two bytes per UTF-16
 * unit, and a string grown delta by delta takes ~30 bytes per delta until it is flattened.
 *
 * Deltas are joined with `+=` (V8 keeps a rope) and written out as UTF-8 every few hundred,
 * into a block that is filled before a new one is taken; the text is decoded only when someone
 * asks for it.
 */
export class ReplyText {
  #recent = '';
  #recentDeltas = 0;
  readonly #blocks: Uint8Array[] = [];
  #block = new Uint8Array(0);
  #written = 0;

  append(delta: string): void {
    this.#recent += delta;
    if (++this.#recentDeltas === DELTAS_PER_WRITE || this.#recent.length > UNITS_PER_WRITE) {
      this.#write();
    }
  }

  toString(): string {
    this.#write();
    // Every write puts whole characters in one block, so each block decodes on its own.
    let text = '';
    for (const block of this.#blocks) text += decoder.decode(block);
    return text + decoder.decode(this.#block.subarray(0, this.#written)) + this.#recent;
  }

  #write(): void {
    const text = this.#recent;
    // A delta may end inside a surrogate pair that the next delta completes: wait for it.
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) return;
    this.#recent = '';
    this.#recentDeltas = 0;
    // A UTF-16 unit takes at most 3 bytes of UTF-8. A full block is copied to its exact size,
    // so that what is kept is the text, not the room left in the blocks.
    if (this.#written + text.length * 3 > this.#block.length) {
      if (this.#written > 0) this.#blocks.push(this.#block.slice(0, this.#written));
      this.#block = new Uint8Array(Math.max(BLOCK_BYTES, text.length * 3));
      this.#written = 0;
    }
    this.#written += encoder.encodeInto(text, this.#block.subarray(this.#written)).written;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DELTAS_PER_WRITE = 64;
const UNITS_PER_WRITE = 4096;
const BLOCK_BYTES = 32 * 1024;
