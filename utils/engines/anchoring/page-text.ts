/**
 * The text a view's highlights are anchored in, indexed once per paint: the whole root, and
 * each article scope that stored highlights name (see scope.ts). Describing a selection picks
 * the article scope when the selection lies in the article; anchoring looks in the named scope
 * first and falls back to the whole root, so a hint that went stale costs nothing but time.
 */
import { anchor, anchorSliced, describe, type SliceClock, type Span } from './anchor';
import { displayText } from './display-text';
import { resolveSelector, selectorFor } from './scope';
import { composedContains } from '../shadow-roots';
import { TextIndex } from './text-index';
import type { HighlightTarget } from '../../shared/model';

export interface Anchored {
  index: TextIndex;
  span: Span;
}

export class PageText {
  private whole: TextIndex | null = null;
  private readonly scopes = new Map<string, TextIndex | null>();

  /**
   * `useScopes` is false for a copy of the article (the reader view): its root is the article,
   * and page selectors mean nothing inside it.
   */
  constructor(
    readonly root: Element,
    private readonly useScopes = true,
  ) {}

  index(): TextIndex {
    return (this.whole ??= TextIndex.of(this.root));
  }

  /** Describes a range of this view; relative to `article` when the range lies inside it. */
  describe(range: Range, article: Element | null = null): HighlightTarget | null {
    const whole = describe(this.index(), range);
    if (!whole) return null;
    const display = displayText(this.index(), whole.position.start, whole.position.end);
    const documentPosition = {
      start: this.index().codePointOffset(whole.position.start),
      end: this.index().codePointOffset(whole.position.end),
    };
    const scope =
      this.useScopes && article && composedContains(article, range.commonAncestorContainer)
        ? selectorFor(article, this.root)
        : null;
    if (article && scope && resolveSelector(this.root, scope) === article) {
      const index = this.scopeIndex(scope.value) ?? TextIndex.of(article);
      const target = describe(index, range);
      if (target) return { ...target, scope, documentPosition, display };
    }
    return { ...whole, documentPosition, display };
  }

  anchor(target: HighlightTarget): Anchored | null {
    const scoped = this.scopeFor(target);
    const inScope = scoped && anchor(scoped, target);
    if (inScope) return { index: scoped, span: inScope };
    const whole = this.index();
    const span = anchor(whole, target);
    return span ? { index: whole, span } : null;
  }

  /** `anchor`, pausing with `clock` during long approximate searches. */
  async anchorSliced(target: HighlightTarget, clock: SliceClock): Promise<Anchored | null> {
    const scoped = this.scopeFor(target);
    const inScope = scoped && (await anchorSliced(scoped, target, clock));
    if (inScope) return { index: scoped, span: inScope };
    if (clock.cancelled()) return null;
    const whole = this.index();
    const span = await anchorSliced(whole, target, clock);
    return span ? { index: whole, span } : null;
  }

  rangeOf(target: HighlightTarget): Range | null {
    const found = this.anchor(target);
    return found && found.index.rangeOf(found.span.start, found.span.end);
  }

  private scopeFor(target: HighlightTarget): TextIndex | null {
    return this.useScopes && target.scope ? this.scopeIndex(target.scope.value) : null;
  }

  private scopeIndex(value: string): TextIndex | null {
    let index = this.scopes.get(value);
    if (index === undefined) {
      const element = resolveSelector(this.root, { type: 'CssSelector', value });
      index = element && element !== this.root ? TextIndex.of(element) : null;
      this.scopes.set(value, index);
    }
    return index;
  }
}
