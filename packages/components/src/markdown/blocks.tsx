import { Fragment, type ReactNode } from 'react'
import { Caret } from './caret.js'
import { withCitations } from './citations.js'
import { type RenderContext, renderInline } from './inline.js'
import type { Block, ListItem } from './tokens.js'

// Block tokens (paragraphs, headings, code, lists, tables, ...) to React elements. While text
// streams, the caret goes at the end of the last text: inside the last paragraph, list item,
// heading, table cell or code block, never on a line of its own.

const NO_CARET = (ctx: RenderContext): RenderContext => (ctx.caret ? { ...ctx, caret: false } : ctx)

/** Renders blocks; with `ctx.caret`, only the last one carries the caret. */
export function renderBlocks(blocks: readonly Block[], ctx: RenderContext): ReactNode[] {
  const last = blocks.length - 1
  const rest = NO_CARET(ctx)
  return blocks.map((block, i) => renderBlock(block, i === last ? ctx : rest, i))
}

/** The caret when this context ends the streaming text, else nothing. */
function caretOf(ctx: RenderContext): ReactNode {
  return ctx.caret ? <Caret /> : null
}

function renderBlock(block: Block, ctx: RenderContext, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return (
        <p key={key}>
          {renderInline(block.inlines, ctx)}
          {caretOf(ctx)}
        </p>
      )
    case 'heading': {
      const level = Math.min(6, Math.max(1, block.depth + ctx.headingOffset))
      const Tag = `h${level}` as 'h3'
      return (
        <Tag key={key}>
          {renderInline(block.inlines, ctx)}
          {caretOf(ctx)}
        </Tag>
      )
    }
    case 'code': {
      const lang = /^[\w+#.-]+/.exec(block.lang)?.[0]
      return (
        <pre key={key} data-language={lang}>
          <code className={lang ? `language-${lang}` : undefined}>
            {withCitations(block.text, ctx.renderCitation)}
            {caretOf(ctx)}
          </code>
        </pre>
      )
    }
    case 'quote':
      return <blockquote key={key}>{renderBlocks(block.blocks, ctx)}</blockquote>
    case 'rule':
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
      const rest = NO_CARET(ctx)
      const lastItem = block.items.length - 1
      const items = block.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
        <li key={i} data-task={item.task ?? undefined}>
          {renderListItem(item, block.loose, i === lastItem ? ctx : rest)}
        </li>
      ))
      return block.ordered ? (
        <ol key={key} start={block.start !== 1 ? block.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      )
    }
    case 'table': {
      // The caret ends the last cell: of the last row, or of the header while no row has come yet.
      const lastRow = block.rows.length - 1
      const width = block.align.length
      const cell = (Tag: 'th' | 'td', inlines: (typeof block.head)[number], row: number, column: number) => {
        const align = block.align[column]
        return (
          <Tag key={column} style={align ? { textAlign: align } : undefined}>
            {renderInline(inlines, ctx)}
            {ctx.caret && row === lastRow && column === width - 1 ? <Caret /> : null}
          </Tag>
        )
      }
      return (
        <div key={key} className="rl-md-table">
          <table>
            <thead>
              <tr>{block.head.map((inlines, i) => cell('th', inlines, -1, i))}</tr>
            </thead>
            {lastRow < 0 ? null : (
              <tbody>
                {block.rows.map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                  <tr key={r}>{row.map((inlines, i) => cell('td', inlines, r, i))}</tr>
                ))}
              </tbody>
            )}
          </table>
        </div>
      )
    }
    case 'html':
      // Raw HTML is shown as the text it is, never parsed.
      return (
        <p key={key}>
          {withCitations(block.text, ctx.renderCitation)}
          {caretOf(ctx)}
        </p>
      )
  }
}

function renderListItem(item: ListItem, loose: boolean, ctx: RenderContext): ReactNode {
  const last = item.blocks.length - 1
  const rest = NO_CARET(ctx)
  const nodes: ReactNode[] = item.blocks.map((block, i) => {
    const own = i === last ? ctx : rest
    // Tight lists keep their text inline; loose ones get paragraphs.
    if (block.type === 'paragraph' && !loose) {
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional
        <Fragment key={i}>
          {renderInline(block.inlines, own)}
          {caretOf(own)}
        </Fragment>
      )
    }
    return renderBlock(block, own, i)
  })
  if (item.task) {
    const done = item.task === 'done'
    nodes.unshift(
      <span key="task" className="rl-md-task" role="img" aria-label={done ? 'done' : 'not done'}>
        {done ? '☑ ' : '☐ '}
      </span>,
    )
  }
  // An item with nothing in it yet (`- ` just arrived) gets the caret alone.
  if (ctx.caret && last < 0) nodes.push(<Caret key="caret" />)
  return nodes
}
