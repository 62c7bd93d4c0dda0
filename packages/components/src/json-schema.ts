// A small validator for the subset of JSON Schema a tool output needs: type, required, properties,
// additionalProperties: false, items, enum, minimum/maximum, minLength. Enough to catch a wrong shape
// before it is sent; not a full implementation.

/** The JSON Schema subset `outputSchemas` understands. */
export interface JsonSchemaSubset {
  type?: JsonType | JsonType[]
  properties?: Record<string, JsonSchemaSubset>
  required?: string[]
  additionalProperties?: boolean
  items?: JsonSchemaSubset
  enum?: unknown[]
  minimum?: number
  maximum?: number
  minLength?: number
  description?: string
}

/** JSON Schema's type names. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value as JsonType
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

/**
 * Validates a value against a schema subset. Returns the problems found, each prefixed with the
 * path of the offending value (`$.temperature`), or an empty array.
 */
export function validateJson(value: unknown, schema: JsonSchemaSubset, path = '$'): string[] {
  const problems: string[] = []
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!types.some((type) => matchesType(value, type))) {
      return [`${path} should be ${types.join(' or ')}, not ${typeOf(value)}`]
    }
  }
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    problems.push(
      `${path} should be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`,
    )
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      problems.push(`${path} should be ≥ ${schema.minimum}`)
    if (schema.maximum !== undefined && value > schema.maximum)
      problems.push(`${path} should be ≤ ${schema.maximum}`)
  }
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) {
    problems.push(`${path} should have at least ${schema.minLength} characters`)
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      problems.push(...validateJson(item, schema.items!, `${path}[${i}]`))
    })
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>
    for (const key of schema.required ?? []) {
      if (!(key in record)) problems.push(`${path} is missing "${key}"`)
    }
    for (const [key, child] of Object.entries(record)) {
      const childSchema = schema.properties?.[key]
      if (childSchema) problems.push(...validateJson(child, childSchema, `${path}.${key}`))
      else if (schema.additionalProperties === false) problems.push(`${path} has unexpected "${key}"`)
    }
  }
  return problems
}
