import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors.ts';

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
    throw badInput('DateTime must be an ISO 8601 string such as 2026-11-26T06:42:10Z');
  return new Date(value).toISOString();
}

/** Instants as ISO 8601 strings in UTC, both ways. */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
