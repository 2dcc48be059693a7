// @ts-check
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';
import { entryPointOfFile } from './packages.mjs';

/**
 * Names the modules of a package with several entry points the way they are imported. The
 * package's main entry merges into the package itself, so `chatroutes`' classes stay at
 * `/api/chatroutes/classes/…`; another entry becomes a module of the package named by its
 * subpath (`store`, for `chatroutes/store`), instead of its path in the repository
 * (`packages/sdk/src/store`).
 *
 * @param {import('typedoc').Application} app
 */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context
      .getSymbolFromReflection(reflection)
      ?.declarations?.[0]?.getSourceFile().fileName;
    const entry = file && entryPointOfFile(file);
    if (!entry) return;
    if (entry.subpath === '.') {
      // TypeDoc's own `@mergeModuleWith <project>`, as if the entry file carried the tag.
      reflection.comment ??= new Comment();
      reflection.comment.blockTags.push(
        new CommentTag('@mergeModuleWith', [{ kind: 'text', text: '<project>' }]),
      );
    } else {
      // Named by its subpath, the module's pages sit under the package's: `store` of
      // `chatroutes` is at `/api/chatroutes/store/`, its breadcrumb reads `chatroutes / store`.
      reflection.name = entry.subpath.replace(/^\.\//, '');
      if (!reflection.comment?.summary.length) {
        reflection.comment ??= new Comment();
        reflection.comment.summary = [
          { kind: 'text', text: 'The entry point ' },
          { kind: 'code', text: `\`${entry.specifier}\`` },
          { kind: 'text', text: '.' },
        ];
      }
    }
  });
}
