import type { Connection } from '@temporalio/client';
import { TypedSearchAttributes, type SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType, type SearchAttributeKey } from '@temporalio/common/lib/search-attributes.js';
import { CASE_SEARCH_ATTRIBUTES } from '../domain/search-attributes.js';

type Attributes = readonly SearchAttributeKey<SearchAttributeType>[];

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function searchAttributeFlags(attributes: Attributes = CASE_SEARCH_ATTRIBUTES): string[] {
  return attributes.flatMap(({ name, type }) => ['--search-attribute', `${name}=${TypedSearchAttributes.toMetadataType(type)}`]);
}

/**
 * Registers the case search attributes a running server lacks (TEMPORAL_ADDRESS set), so
 * workflows can set them; safe to call on every start. Returns the names it added.
 * An attribute registered with another type is a deployment mistake and throws.
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  attributes: Attributes = CASE_SEARCH_ATTRIBUTES,
): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const registered = customAttributes ?? {};
  const missing: Record<string, number> = {};
  for (const { name, type } of attributes) {
    const wanted = encodeSearchAttributeIndexedValueType(type)!;
    const existing = registered[name];
    if (existing === undefined || existing === null) missing[name] = wanted;
    else if (existing !== wanted) {
      throw new Error(
        `Search attribute ${name} is registered in namespace ${namespace} with another type; it must be ${TypedSearchAttributes.toMetadataType(type)}`,
      );
    }
  }
  if (Object.keys(missing).length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  }
  return Object.keys(missing);
}
