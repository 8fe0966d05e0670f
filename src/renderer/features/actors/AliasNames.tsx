import type { Alias } from '../../../shared/domain/actor';

export interface AliasNamesProps {
  /** The aliases to show, in their own language and script. */
  aliases: readonly Alias[];
  /** Show at most this many, then "+N more". */
  max?: number;
}

/**
 * Aliases as text, each with its language tag and `dir="auto"`, so Arabic-script Pashto and
 * Dari names run right-to-left inside a left-to-right list.
 */
export function AliasNames({ aliases, max = Infinity }: AliasNamesProps) {
  const shown = aliases.slice(0, max);
  const more = aliases.length - shown.length;
  return (
    <span className="cf-aliases">
      {shown.map((alias, i) => (
        <span key={`${alias.name}-${i}`}>
          {i > 0 && <span aria-hidden="true">, </span>}
          <bdi dir="auto" lang={alias.language} className={alias.script === 'Arab' ? 'cf-arabic' : undefined}>
            {alias.name}
          </bdi>
        </span>
      ))}
      {more > 0 && <span className="cf-muted"> +{more} more</span>}
    </span>
  );
}
