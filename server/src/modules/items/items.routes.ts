import { FileUpload, ItemBody, ItemDetail, ItemImportReport, ItemPage, ItemQuery, ItemStatusBody, ItemStatusResult } from '@skillcert/shared/api/banks';
import { IdParams } from '@skillcert/shared/api/common';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './items.service.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerItemRoutes(app: App, deps: AppDeps): void {
  const tags = ['question-banks'];
  app.get(
    '/api/items',
    {
      config: { action: 'bank.read' },
      schema: { tags, summary: 'Items of the banks in my scope, filtered', querystring: ItemQuery, response: { 200: ItemPage } },
    },
    async (req) => service.listItems(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/items',
    {
      config: { action: 'bank.manage' },
      schema: { tags, summary: 'Write an item (a draft until someone else reviews it)', body: ItemBody, response: { 201: ItemDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.createItem(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/items/template.xlsx',
    { config: { action: 'bank.manage' }, schema: { tags, summary: 'Excel template: a row per item, dropdowns from the catalogs and my blueprints' } },
    async (req, reply) => {
      const file = await service.itemTemplate(ctxOf(req, deps));
      return reply.header('content-disposition', 'attachment; filename="item-bank-template.xlsx"').type(XLSX).send(file);
    },
  );
  app.get(
    '/api/items/export.xlsx',
    {
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'The filtered items as the import template (re-importable unchanged)',
        querystring: ItemQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const file = await service.exportItemsExcel(ctxOf(req, deps), req.query);
      return reply.header('content-disposition', 'attachment; filename="item-bank.xlsx"').type(XLSX).send(file);
    },
  );
  app.post(
    '/api/items/import',
    {
      bodyLimit: 30 * 1024 * 1024,
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Import the Excel template: every row stored, or none and a per-row report',
        body: FileUpload,
        response: { 200: ItemImportReport },
      },
    },
    async (req) => service.importItemsExcel(ctxOf(req, deps), Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.post(
    '/api/items/status',
    {
      config: { action: 'bank.manage' },
      schema: { tags, summary: 'Review (not one’s own items), retire or reopen items in bulk', body: ItemStatusBody, response: { 200: ItemStatusResult } },
    },
    async (req) => service.setItemStatus(ctxOf(req, deps), req.body),
  );
  app.get(
    '/api/items/:id',
    { config: { action: 'bank.read' }, schema: { tags, summary: 'One item with its version history', params: IdParams, response: { 200: ItemDetail } } },
    async (req) => service.getItem(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/items/:id',
    {
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Edit an item: a new version (papers keep theirs); it goes back to draft',
        params: IdParams,
        body: ItemBody,
        response: { 200: ItemDetail },
      },
    },
    async (req) => service.updateItem(ctxOf(req, deps), req.params.id, req.body),
  );
}
