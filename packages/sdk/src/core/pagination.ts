import { ChatRoutesError } from './errors.js';

/** One page of a paginated list, and the way to the next one. */
export class Page<T> {
  /** The items on this page. */
  readonly data: T[];
  /** How many items there are in all. */
  readonly total: number;
  /** This page's number, counting from 1. */
  readonly page: number;
  /** The page size asked for. */
  readonly limit: number;
  /** Whether another page follows. */
  readonly hasNext: boolean;
  readonly #load: (page: number) => Promise<Page<T>>;

  constructor(
    fields: { data: T[]; total: number; page: number; limit: number; hasNext?: boolean },
    load: (page: number) => Promise<Page<T>>,
  ) {
    this.data = fields.data;
    this.total = fields.total;
    this.page = fields.page;
    this.limit = fields.limit;
    // Older servers omit `hasNext`; the counts tell the same.
    this.hasNext = fields.hasNext ?? fields.page * fields.limit < fields.total;
    this.#load = load;
  }

  /**
   * Fetches the following page; check `hasNext` first. Rejects with a `ChatRoutesError`
   * (code `pagination_stalled`) when the server answers another page than the one asked for,
   * so that walking a list always ends.
   */
  async nextPage(): Promise<Page<T>> {
    if (!this.hasNext) throw new RangeError(`Page ${this.page} is the last page`);
    const wanted = this.page + 1;
    const next = await this.#load(wanted);
    if (next.page !== wanted) {
      throw new ChatRoutesError(
        `Asked for page ${wanted}, the server answered page ${next.page}: the list does not advance`,
        { code: 'pagination_stalled' },
      );
    }
    return next;
  }
}

/**
 * What a list method returns: await it for the first page, or `for await` over it for every
 * item of every page, fetched one page at a time as the loop advances. Nothing is requested
 * until one of the two starts.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #load: () => Promise<Page<T>>;
  #first: Promise<Page<T>> | undefined;

  constructor(load: () => Promise<Page<T>>) {
    this.#load = load;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting the list for its first page is the public API.
  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  /**
   * Every item of every page, fetching the next page as the loop reaches it. The walk ends on
   * the last page or an empty one, and fails (`pagination_stalled`) on a page that does not
   * advance: a server that keeps saying `hasNext` can never make it loop for ever.
   */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#firstPage();
    for (;;) {
      yield* page.data;
      if (!page.hasNext || page.data.length === 0) return;
      page = await page.nextPage();
    }
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#load();
    return this.#first;
  }
}
