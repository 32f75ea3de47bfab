import { z } from 'zod';
import { licenseData, licenseView } from './licenses.types.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { contextOf, idempotencyKeyOf, principalOf } from '../../platform/http/context.ts';
import { errorResponses, fileResponse, idempotencyHeader, isoDate, pageQuery } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import type { Db } from '../../platform/db/db.ts';
import { can, scopeFilter } from '../../platform/permissions.ts';
import { departmentScope, findDepartmentByUscc, getDepartment } from '../regions/index.ts';
import { createLicenseType, findLicenseType, listLicenseTypes, updateLicenseType } from './licenses.service.ts';
import { licenseErrors } from './licenses.errors.ts';
import { addTrustedKey, createSealKey, listSealKeys, listTrustedKeys } from './licenses.keys.ts';
import {
  changeLicenseStatus,
  getLicense,
  issueLicense,
  newLicenseVersion,
  sealOf,
  shapeLicense,
  statusList,
  usesOf,
  verifyLicense,
  verifyPresentedSeal,
  walletOf,
  type LicenseRow,
} from './licenses.issue.ts';
import { licenseDocx } from './licenses.document.ts';
import { checkIdentifier } from './identifier.ts';
import { licenseEntry, licenseField, licenseFieldInput } from './licenses.fields.ts';
import { listRegister, registerWorkbook } from './licenses.register.ts';

const licenseTypeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    definingBodyUscc: z.string(),
    definingBodyName: z.string(),
    holderKind: z.enum(['person', 'organisation']),
    validityYears: z.number().nullable(),
    validityBasis: z.string().nullable(),
    fields: z.array(licenseField),
    issuers: z.array(z.object({ departmentId: z.number(), name: z.string(), regionCode: z.string() })),
    version: z.number(),
  })
  .meta({ id: 'LicenseType' });
const fieldsInput = z.array(licenseFieldInput).max(100);
const validityBasisInput = z.string().max(500).nullable().optional();
const issuersInput = z.array(z.number().int().positive()).max(500);
/** One use of a licence (免证可办 fetch or view). */
const licenseUseView = z.object({ caseNumber: z.string().nullable(), userName: z.string(), purpose: z.string(), at: z.string() });
const licenseDetailView = licenseView.extend({ uses: z.array(licenseUseView) }).meta({ id: 'LicenseDetailView' });
/** The check of a licence identifier: its parts when valid, the reason (English and Chinese) when not. */
const identifierCheckView = z
  .discriminatedUnion('valid', [
    z.object({ valid: z.literal(true), typeCode: z.string(), issuerUscc: z.string(), serial: z.string(), version: z.number() }),
    z.object({ valid: z.literal(false), reason: z.string(), reasonZh: z.string() }),
  ])
  .meta({ id: 'IdentifierCheck' });
/** An issuer's W3C Bitstring Status List credential. */
const statusListView = z
  .object({
    '@context': z.array(z.string()),
    type: z.array(z.string()),
    issuer: z.string(),
    validFrom: z.string(),
    credentialSubject: z.object({ type: z.string(), statusPurpose: z.string(), encodedList: z.string(), size: z.number() }),
  })
  .meta({ id: 'StatusListView' });
/** A published seal key (active or retired) of an issuing department. */
const sealKeyView = z.object({
  id: z.number(),
  department: z.string(),
  departmentUscc: z.string(),
  status: z.string(),
  publicKeyPem: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
/** A seal key just generated. */
const createdSealKeyView = z.object({ id: z.number(), departmentId: z.number(), publicKeyPem: z.string(), status: z.string() });
/** A trusted public key of another platform. */
const trustedKeyView = z.object({ id: z.number(), name: z.string(), publicKeyPem: z.string() });
// Up to a 64-character serial (流水号) of another platform: 62 characters besides it.
const identifierParam = z.object({ identifier: z.string().max(200) });
const holderSchema = z.object({ kind: z.enum(['person', 'organisation']), name: z.string().min(1).max(200), idNumber: z.string().min(1).max(18) });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const licenseStatus = z.enum(['valid', 'suspended', 'revoked', 'expired', 'superseded']);
/** The register's filters (证照台账). */
const registerFilters = {
  typeCode: z.string().max(21).optional(),
  status: licenseStatus.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  issuedFrom: isoDate.optional(),
  issuedTo: isoDate.optional(),
  holder: z.string().max(100).optional(),
};
/** A line of the register: the holder as the public may see it (a person masked, an organisation in full). */
const registerItem = z
  .object({
    identifier: z.string(),
    typeCode: z.string(),
    typeName: z.string(),
    issuerDepartmentId: z.number(),
    issuer: z.string(),
    holderKind: z.enum(['person', 'organisation']),
    holder: z.string(),
    holderId: z.string().nullable(),
    issueDate: z.string(),
    validUntil: z.string().nullable(),
    status: licenseStatus,
    caseNumber: z.string().nullable(),
    versionNo: z.number(),
  })
  .meta({ id: 'LicenseRegisterItem' });

/** The public verification link of a licence, as its QR code and document carry it: identifier and code. */
export const verifyUrl = (publicUrl: string, l: { identifier: string; verifyCode: string }) => `${publicUrl}/verify/${l.identifier}?code=${l.verifyCode}`;

export const licensesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /**
   * What a licence-type manager may change. A type belongs to its defining body (the USCC its code begins with): when
   * that body is a department of this platform, whoever's grant covers that department manages the type; a type of a
   * body not here (公安部, 民政部: the national types) only a grant without region or department. Issuing departments
   * added or removed must also lie within the grant's scope, so a county never makes its market bureau an issuer of
   * identity cards.
   */
  function typeRights(request: FastifyRequest) {
    const grants = principalOf(request).grants;
    const national = can(grants, 'license_types.manage', { regionCode: null, departmentId: null });
    return {
      definer: async (tx: Db, uscc: string) => {
        if (national) return true;
        const body = await findDepartmentByUscc(tx, uscc);
        return body !== undefined && can(grants, 'license_types.manage', { regionCode: body.regionCode, departmentId: body.id });
      },
      department: async (tx: Db, departmentId: number) => can(grants, 'license_types.manage', await departmentScope(tx, departmentId)),
    };
  }

  /** The holder, the issuing department's officers, or an admin may read a licence in full. */
  async function readable(request: FastifyRequest, row: LicenseRow) {
    const principal = principalOf(request);
    const isHolder = principal.idNumber?.toUpperCase() === row.holderIdNumber;
    const isIssuer = can(principal.grants, 'licenses.issue', await departmentScope(db, row.issuerDepartmentId));
    if (!isHolder && !isIssuer) throw licenseErrors.LICENSE_NOT_YOURS();
    return { principal, isHolder };
  }

  app.get(
    '/api/license-types',
    {
      config: { access: 'public' },
      schema: { tags: ['licenses'], summary: 'Licence types (证照类型)', response: { 200: z.object({ items: z.array(licenseTypeSchema) }) } },
    },
    async () => ({ items: await listLicenseTypes(db) }),
  );
  app.post(
    '/api/license-types',
    {
      config: { access: 'license_types.manage' },
      schema: {
        tags: ['licenses'],
        summary: 'Register a licence type: defined by a department within the actor’s scope, or by a national body (administrators without a region only)',
        headers: idempotencyHeader,
        body: z.object({
          code: z.string().max(21),
          name: z.string().min(1).max(100),
          definingBodyName: z.string().min(1).max(100),
          holderKind: z.enum(['person', 'organisation']),
          validityYears: z.number().int().min(1).max(100).nullable().optional(),
          validityBasis: validityBasisInput,
          fields: fieldsInput.optional(),
          issuers: issuersInput.optional(),
        }),
        response: { 201: licenseTypeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'license_types.manage');
      const rights = typeRights(request);
      const result = await runIdempotent(db, `license_type:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createLicenseType(tx, ctx, request.body, rights),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.patch(
    '/api/license-types/:code',
    {
      config: { access: 'license_types.manage' },
      schema: {
        tags: ['licenses'],
        summary:
          "Change a licence type: whoever manages its defining body (a department here within the actor's scope; a national body: only administrators without a region) changes its name, validity, fields and issuing departments (each within the actor's scope)",
        params: z.object({ code: z.string().max(21) }),
        body: z.object({
          version: z.number().int(),
          name: z.string().min(1).max(100).optional(),
          definingBodyName: z.string().min(1).max(100).optional(),
          validityYears: z.number().int().min(1).max(100).nullable().optional(),
          validityBasis: validityBasisInput,
          fields: fieldsInput.optional(),
          issuers: issuersInput.optional(),
        }),
        response: { 200: licenseTypeSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'license_types.manage');
      const rights = typeRights(request);
      return db.transaction((tx) => updateLicenseType(tx, ctx, request.params.code, request.body, rights));
    },
  );

  // ── Public verification ─────────────────────────────────────────────
  app.get(
    '/api/licenses/verify/:identifier',
    {
      config: { access: 'public' },
      schema: {
        tags: ['licenses'],
        summary:
          'Verify a licence (no login) with the verification code printed with it (QR link, document): status, type, issuer, dates, the holder (an organisation in full with its printed fields; a person masked), and whether the seal verifies',
        params: identifierParam,
        querystring: z.object({ code: z.string().max(40).optional() }),
        response: {
          200: z.object({
            found: z.boolean(),
            code: z.enum(['malformed', 'code_required', 'not_found']).optional(),
            identifier: z.string(),
            reason: z.string().optional(),
            reasonZh: z.string().optional(),
            status: licenseStatus.optional(),
            type: z.string().optional(),
            issuer: z.string().optional(),
            issueDate: z.string().optional(),
            validUntil: z.string().nullable().optional(),
            holderKind: z.enum(['person', 'organisation']).optional(),
            /** An organisation's name in full (public); a person's masked. */
            holder: z.string().optional(),
            holderId: z.string().nullable().optional(),
            entries: z.array(licenseEntry).optional(),
            sealValid: z.boolean().optional(),
            statusList: z.object({ issuer: z.string(), index: z.number() }).optional(),
          }),
        },
      },
    },
    async (request) => verifyLicense(db, request.params.identifier, request.query.code),
  );
  app.get(
    '/api/licenses/check-id/:identifier',
    {
      config: { access: 'public' },
      schema: { tags: ['licenses'], summary: 'Check a licence identifier (MOD 37,36)', params: identifierParam, response: { 200: identifierCheckView } },
    },
    async (request) => ({ ...checkIdentifier(request.params.identifier) }),
  );
  app.get(
    '/api/licenses/status-list/:issuerUscc',
    {
      config: { access: 'public' },
      schema: {
        tags: ['licenses'],
        summary: 'The status of every licence of an issuer (W3C Bitstring Status List)',
        params: z.object({ issuerUscc: z.string().length(18) }),
        response: { 200: statusListView },
      },
    },
    async (request) => statusList(db, request.params.issuerUscc),
  );
  app.post(
    '/api/licenses/verify-seal',
    {
      config: { access: 'public' },
      schema: {
        tags: ['licenses'],
        summary: 'Check a seal presented from elsewhere against this platform’s and trusted keys (互通互认)',
        body: z.object({ data: z.string().max(100_000), signature: z.string().max(200) }),
        response: { 200: z.object({ valid: z.boolean(), signer: z.string().nullable() }) },
      },
    },
    async (request) => verifyPresentedSeal(db, request.body.data, request.body.signature),
  );
  app.get(
    '/api/seal-keys',
    {
      config: { access: 'public' },
      schema: {
        tags: ['licenses'],
        summary: 'Published seal keys (active and retired) of the issuing departments',
        response: { 200: z.object({ items: z.array(sealKeyView) }) },
      },
    },
    async () => ({ items: await listSealKeys(db) }),
  );
  app.post(
    '/api/seal-keys',
    {
      config: { access: 'seal_keys.manage' },
      schema: {
        tags: ['licenses'],
        summary: "Generate (rotate) a department's SM2 seal key (departments within the actor's scope)",
        body: z.object({ departmentId: z.number().int().positive() }),
        response: { 201: createdSealKeyView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'seal_keys.manage', await departmentScope(db, request.body.departmentId));
      return reply.status(201).send(await db.transaction((tx) => createSealKey(tx, ctx, request.body.departmentId)));
    },
  );
  app.get(
    '/api/trusted-keys',
    {
      config: { access: 'public' },
      schema: { tags: ['licenses'], summary: 'Trusted public keys of other platforms', response: { 200: z.object({ items: z.array(trustedKeyView) }) } },
    },
    async () => ({ items: await listTrustedKeys(db) }),
  );
  app.post(
    '/api/trusted-keys',
    {
      config: { access: 'seal_keys.manage' },
      schema: {
        tags: ['licenses'],
        summary: 'Import a public key of another platform (PEM); administrators without a region only',
        body: z.object({ name: z.string().min(1).max(100), publicKeyPem: z.string().max(2000) }),
        response: { 201: trustedKeyView, ...errorResponses },
      },
    },
    async (request, reply) => {
      // A trusted key makes seals verify platform-wide: only a grant that covers the whole platform may add one.
      const ctx = contextOf(request, 'seal_keys.manage', { regionCode: null, departmentId: null });
      return reply.status(201).send(await db.transaction((tx) => addTrustedKey(tx, ctx, request.body.name, request.body.publicKeyPem)));
    },
  );

  // ── The holder's wallet ─────────────────────────────────────────────
  app.get(
    '/api/licenses/mine',
    {
      config: { access: 'user' },
      schema: { tags: ['licenses'], summary: 'My licences (证照夹)', response: { 200: z.object({ items: z.array(licenseView) }) } },
    },
    async (request) => {
      const idNumber = principalOf(request).idNumber;
      return { items: idNumber ? await walletOf(db, idNumber) : [] };
    },
  );
  app.get(
    '/api/licenses/:identifier',
    {
      config: { access: 'user' },
      schema: {
        tags: ['licenses'],
        summary: 'A licence with every use of it (holder or issuing department)',
        params: identifierParam,
        response: { 200: licenseDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const row = await getLicense(db, request.params.identifier);
      await readable(request, row);
      const type = await findLicenseType(db, row.typeCode);
      return { ...shapeLicense(row, type), uses: await usesOf(db, [row.id]) };
    },
  );
  app.get(
    '/api/licenses/:identifier/seal',
    {
      config: { access: 'user' },
      schema: {
        tags: ['licenses'],
        summary: 'The seal: canonical JSON data, base64 DER SM2 signature, the PEM public key (verify with openssl dgst -sm3 -sigopt distid:1234567812345678)',
        params: identifierParam,
        response: {
          200: z.object({ data: z.string(), signature: z.string(), publicKey: z.string(), algorithm: z.literal('SM2-SM3'), userId: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await readable(request, await getLicense(db, request.params.identifier));
      return sealOf(db, request.params.identifier);
    },
  );
  app.get(
    '/api/licenses/:identifier/document',
    {
      config: { access: 'user' },
      schema: {
        tags: ['licenses'],
        summary: 'A printable licence (.docx) with the QR code to its verification page',
        params: identifierParam,
        response: { 200: fileResponse('The licence document', DOCX), ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await getLicense(db, request.params.identifier);
      await readable(request, row);
      const type = await findLicenseType(db, row.typeCode);
      const dept = await getDepartment(db, row.issuerDepartmentId);
      const buffer = await licenseDocx(shapeLicense(row, type), dept.name, verifyUrl(app.config.publicUrl, row));
      return reply.type(DOCX).header('content-disposition', `attachment; filename="licence-${row.serial}.docx"`).send(buffer);
    },
  );

  // ── The register of issuing departments (证照台账) ───────────────────
  app.get(
    '/api/licenses/register',
    {
      config: { access: 'licenses.issue' },
      schema: {
        tags: ['licenses'],
        summary:
          "The licence register (证照台账): licences issued by the departments within the officer's scope, by type, status, issuing department, issue dates and holder (name or ID number); a person masked, an organisation in full",
        querystring: z.object({ ...registerFilters, ...pageQuery }),
        response: { 200: z.object({ items: z.array(registerItem), total: z.number(), page: z.number(), pageSize: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'licenses.issue');
      return listRegister(db, request.query, scopeFilter(principalOf(request).grants, 'licenses.issue'));
    },
  );
  app.get(
    '/api/licenses/register/export',
    {
      config: { access: 'licenses.issue' },
      schema: {
        tags: ['licenses'],
        summary: 'The licence register as an Excel workbook: the same filters and scope, masked as the list (at most 50,000 licences)',
        querystring: z.object(registerFilters),
        response: { 200: fileResponse('The register', XLSX), ...errorResponses },
      },
    },
    async (request, reply) => {
      contextOf(request, 'licenses.issue');
      const buffer = await registerWorkbook(db, request.query, scopeFilter(principalOf(request).grants, 'licenses.issue'));
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="license-register.xlsx"').send(buffer);
    },
  );

  // ── Issuing departments ─────────────────────────────────────────────
  app.post(
    '/api/licenses',
    {
      config: { access: 'licenses.issue' },
      schema: {
        tags: ['licenses'],
        summary: 'Issue a licence by a permitted officer (sealed with the department’s SM2 key)',
        headers: idempotencyHeader,
        body: z.object({
          typeCode: z.string().max(21),
          departmentId: z.number().int().positive(),
          holder: holderSchema,
          data: licenseData,
          validUntil: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .nullable()
            .optional(),
        }),
        response: { 201: licenseView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'licenses.issue', await departmentScope(db, request.body.departmentId));
      const result = await runIdempotent(db, `license:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: shapeLicense(await issueLicense(tx, ctx, { ...request.body, strictData: true })),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.post(
    '/api/licenses/:identifier/versions',
    {
      config: { access: 'licenses.issue' },
      schema: {
        tags: ['licenses'],
        summary: 'A new version of a changed licence (the old one is superseded)',
        params: identifierParam,
        body: z.object({ data: licenseData, version: z.number().int() }),
        response: { 201: licenseView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await getLicense(db, request.params.identifier);
      const ctx = contextOf(request, 'licenses.issue', await departmentScope(db, row.issuerDepartmentId));
      return reply.status(201).send(shapeLicense(await newLicenseVersion(db, ctx, request.params.identifier, { ...request.body, strictData: true })));
    },
  );
  for (const action of ['suspend', 'reinstate', 'revoke'] as const) {
    app.post(
      `/api/licenses/:identifier/${action}`,
      {
        config: { access: 'licenses.revoke' },
        schema: {
          tags: ['licenses'],
          summary: `${action} a licence, with the reason`,
          params: identifierParam,
          body: z.object({ reason: z.string().min(1).max(2000), version: z.number().int() }),
          response: { 200: licenseView, ...errorResponses },
        },
      },
      async (request) => {
        const params = request.params as { identifier: string };
        const row = await getLicense(db, params.identifier);
        const ctx = contextOf(request, 'licenses.revoke', await departmentScope(db, row.issuerDepartmentId));
        return shapeLicense(await db.transaction((tx) => changeLicenseStatus(tx, ctx, params.identifier, action, request.body)));
      },
    );
  }
};
