import { APIPromise, type WithResponse } from './api-promise.js';
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
  readonly #load: (page: number) => APIPromise<Page<T>>;

  constructor(
    fields: { data: T[]; total: number; page: number; limit: number; hasNext?: boolean },
    load: (page: number) => APIPromise<Page<T>>,
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
  nextPage(): APIPromise<Page<T>> {
    const wanted = this.page + 1;
    const ready = this.hasNext
      ? Promise.resolve()
      : Promise.reject(new RangeError(`Page ${this.page} is the last page`));
    return APIPromise.after(ready, () => this.#checked(wanted));
  }

  #checked(wanted: number): APIPromise<Page<T>> {
    return this.#load(wanted).map((next) => {
      if (next.page !== wanted) {
        throw new ChatRoutesError(
          `Asked for page ${wanted}, the server answered page ${next.page}: the list does not advance`,
          { code: 'pagination_stalled' },
        );
      }
      return next;
    });
  }
}

/**
 * What a list method returns: await it for the first page, or `for await` over it for every
 * item of every page, fetched one page at a time as the loop advances. Nothing is requested
 * until one of the two starts.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #load: () => APIPromise<Page<T>>;
  #first: APIPromise<Page<T>> | undefined;

  /** @internal */
  constructor(load: () => APIPromise<Page<T>>) {
    this.#load = load;
  }

  /** The first page, with the HTTP response and its request id. */
  withResponse(): Promise<WithResponse<Page<T>>> {
    return this.#firstPage().withResponse();
  }

  /** The HTTP response of the first page, its body unread. */
  asResponse(): Promise<Response> {
    return this.#firstPage().asResponse();
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

  #firstPage(): APIPromise<Page<T>> {
    this.#first ??= this.#load();
    return this.#first;
  }
}
