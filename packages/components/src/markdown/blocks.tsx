import type { Token, Tokens } from 'marked'
import { Fragment, type ReactNode } from 'react'
import { decodeEntities, type RenderContext, renderInline, withCitations } from './inline.js'

// Block tokens (paragraphs, headings, code, lists, tables, ...) to React elements. While text
// streams, the caret goes at the end of the last text: inside the last paragraph, list item,
// heading, table cell or code block, never on a line of its own.

/** The streaming caret: decorative, so screen readers skip it. */
export function Caret(): ReactNode {
  return <span className="rl-caret" aria-hidden="true" />
}

/** Index of the last token that shows something (blank lines and link definitions do not). */
export function lastContentIndex(tokens: readonly Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i]!.type
    if (type !== 'space' && type !== 'def') return i
  }
  return -1
}

const NO_CARET = (ctx: RenderContext): RenderContext => (ctx.caret ? { ...ctx, caret: false } : ctx)

/** Renders block tokens; with `ctx.caret`, only the last one that shows something carries the caret. */
export function renderBlocks(tokens: readonly Token[], ctx: RenderContext): ReactNode[] {
  if (!ctx.caret) return tokens.map((token, i) => renderBlock(token, ctx, i))
  const last = lastContentIndex(tokens)
  const rest = NO_CARET(ctx)
  return tokens.map((token, i) => renderBlock(token, i === last ? ctx : rest, i))
}

/** The caret when this context ends the streaming text, else nothing. */
function caretOf(ctx: RenderContext): ReactNode {
  return ctx.caret ? <Caret /> : null
}

function renderBlock(token: Token, ctx: RenderContext, key: number): ReactNode {
  const t = token as Tokens.Generic
  switch (t.type) {
    case 'space':
    case 'def':
      return null
    case 'paragraph':
      return (
        <p key={key}>
          {renderInline((t as Tokens.Paragraph).tokens, ctx)}
          {caretOf(ctx)}
        </p>
      )
    case 'heading': {
      const heading = t as Tokens.Heading
      const level = Math.min(6, Math.max(1, heading.depth + ctx.headingOffset))
      const Tag = `h${level}` as 'h3'
      return (
        <Tag key={key}>
          {renderInline(heading.tokens, ctx)}
          {caretOf(ctx)}
        </Tag>
      )
    }
    case 'code': {
      const code = t as Tokens.Code
      const lang = code.lang?.match(/^[\w+#.-]+/)?.[0]
      return (
        <pre key={key} data-language={lang}>
          <code className={lang ? `language-${lang}` : undefined}>
            {withCitations(code.text, ctx)}
            {caretOf(ctx)}
          </code>
        </pre>
      )
    }
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks((t as Tokens.Blockquote).tokens, ctx)}</blockquote>
    case 'hr':
      // Nothing to write into: the caret follows the rule.
      return ctx.caret ? (
        <Fragment key={key}>
          <hr />
          <Caret />
        </Fragment>
      ) : (
        <hr key={key} />
      )
    case 'list': {
      const list = t as Tokens.List
      const rest = NO_CARET(ctx)
      const lastItem = list.items.length - 1
      const items = list.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
        <li key={i} data-task={item.task ? (item.checked ? 'done' : 'open') : undefined}>
          {renderListItem(item, list.loose, i === lastItem ? ctx : rest)}
        </li>
      ))
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' && list.start !== 1 ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      )
    }
    case 'table': {
      const table = t as Tokens.Table
      // The caret ends the last cell: of the last row, or of the header while no row has come yet.
      const lastRow = table.rows.length - 1
      const caretCell = (row: number, column: number, width: number) =>
        ctx.caret && row === lastRow && column === width - 1 ? <Caret /> : null
      return (
        <div key={key} className="rl-md-table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                    {renderInline(cell.tokens, ctx)}
                    {caretCell(-1, i, table.header.length)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r}>
                  {row.map((cell, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                      {renderInline(cell.tokens, ctx)}
                      {caretCell(r, i, row.length)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    }
    case 'html':
      // Raw HTML is shown as the text it is, never parsed.
      return (
        <p key={key}>
          {withCitations((t as Tokens.HTML).raw.trimEnd(), ctx)}
          {caretOf(ctx)}
        </p>
      )
    case 'text': {
      const text = t as Tokens.Text
      return (
        <p key={key}>
          {text.tokens ? renderInline(text.tokens, ctx) : withCitations(decodeEntities(text.text), ctx)}
          {caretOf(ctx)}
        </p>
      )
    }
    default:
      if (!t.raw) return ctx.caret ? <Caret key={key} /> : null
      return (
        <p key={key}>
          {withCitations(t.raw, ctx)}
          {caretOf(ctx)}
        </p>
      )
  }
}

function renderListItem(item: Tokens.ListItem, loose: boolean, ctx: RenderContext): ReactNode {
  // The caret goes into the item's last token that shows text; an item with none (`- ` just
  // arrived) gets it alone.
  const shown = ctx.caret ? item.tokens.filter((t) => t.type !== 'checkbox') : []
  const lastToken: Token | undefined = shown[lastContentIndex(shown)]
  const rest = NO_CARET(ctx)
  const nodes = item.tokens.map((token, i) => {
    const t = token as Tokens.Generic
    const own = token === lastToken ? ctx : rest
    if (t.type === 'checkbox') {
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional
        <span key={i} className="rl-md-task" role="img" aria-label={t.checked ? 'done' : 'not done'}>
          {t.checked ? '☑ ' : '☐ '}
        </span>
      )
    }
    // Tight lists keep their text inline; loose ones get paragraphs.
    if (t.type === 'text' && !loose) {
      const text = t as Tokens.Text
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional
        <Fragment key={i}>
          {text.tokens ? renderInline(text.tokens, own) : decodeEntities(text.text)}
          {caretOf(own)}
        </Fragment>
      )
    }
    return renderBlock(token, own, i)
  })
  if (ctx.caret && !lastToken) nodes.push(<Caret key="caret" />)
  return nodes
}
