/**
 * The home page: VitePress's hero and feature cards, declared in the page's front matter.
 * It is written here rather than in a Markdown file because the repository's formatter
 * rewrites Markdown front matter into something that is no longer YAML.
 */
export const HOME_PAGE = `---
layout: home
hero:
  name: ChatRoutes
  text: The TypeScript SDK
  tagline: Conversations that branch, checkpoints that keep replies cheap, and AutoBranch — typed end to end, with retries that never send a message twice.
  actions:
    - theme: brand
      text: Try it now
      link: /playground/
      target: _self
    - theme: alt
      text: Get started
      link: /guide/getting-started
    - theme: alt
      text: API reference
      link: /api/
    - theme: alt
      text: HTTP API
      link: /http/
features:
  - title: The Python SDK's surface, in TypeScript
    details: The same resources and methods in camelCase, every request and reply typed from one OpenAPI contract.
    link: /guide/from-python
  - title: Streams you can trust
    details: Iterate chunks or text, await the final message, abort, or pipe a reply straight into a web Response.
    link: /guide/messages-and-streaming
  - title: Retries that never duplicate a message
    details: Every POST carries an Idempotency-Key; Retry-After is honoured; timeouts apply per attempt.
    link: /guide/errors-and-retries
  - title: An offline backend
    details: "@chatroutes/mock is the whole API in memory, with a deterministic model and fault injection, for development and tests."
    link: /guide/testing-with-the-mock
---
`;
