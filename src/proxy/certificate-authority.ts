import { constants, generateKeyPair as generateKeyPairCallback, privateEncrypt, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { promisify } from 'node:util';
import type Forge from 'node-forge';

// Loaded when the authority is first needed (a CONNECT, or its certificate asked for), not at start.
let forge: typeof Forge;
const loadForge = async () => (forge ??= (await import('node-forge')).default);

const generateKeyPair = promisify(generateKeyPairCallback);
const DAY_MS = 24 * 60 * 60 * 1000;
/** The file holding the authority's private key and certificate; only this process's user may read it. */
const KEY_FILE = 'ca-key.pem';
/** The certificate alone: the file a client is told to trust. */
export const CERTIFICATE_FILE = 'ca.pem';
const AUTHORITY_NAME = [
  { name: 'commonName', value: 'kyc-sandbox local authority' },
  { name: 'organizationName', value: 'kyc-sandbox' },
];

/** `$XDG_CACHE_HOME/kyc-sandbox`, else `~/.cache/kyc-sandbox`: where the authority is kept unless an option says. */
export function defaultCaDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'kyc-sandbox');
}

const pemBlocks = (text: string, label: string) =>
  [...text.matchAll(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g'))].map((match) => match[0]);

/** An RSA key pair made by Node (native, fast), as PEM: forge only signs with it. */
async function rsaKeys(): Promise<{ privateKey: string; publicKey: string }> {
  return generateKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}

/** A positive serial number of 16 random bytes, as hex. */
const serialNumber = () => '01' + randomBytes(15).toString('hex');

/** The ASN.1 DigestInfo header of a SHA-256 digest, which PKCS #1 v1.5 signs with the digest after it. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A private key as forge signs with it, the RSA operation done by Node: forge's own takes half a
 * second in JavaScript, Node's a millisecond, and both give the same PKCS #1 v1.5 signature.
 */
interface Signer {
  pem: string;
  sign(md: Forge.md.MessageDigest): string;
}

function signer(pem: string): Signer {
  return {
    pem,
    sign: (md) =>
      privateEncrypt(
        { key: pem, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]),
      ).toString('binary'),
  };
}

interface Authority {
  certificate: Forge.pki.Certificate;
  certificatePem: string;
  key: Signer;
}

function sign(certificate: Forge.pki.Certificate, key: Signer): string {
  certificate.sign(key as unknown as Forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate).replace(/\r\n/g, '\n');
}

/**
 * The sandbox's own certificate authority: made once (RSA 2048, ten years) and kept in a folder, so
 * a client told to trust `ca.pem` keeps trusting it across runs; it signs one leaf certificate per
 * vendor host, held in memory, for the TLS the sandbox ends when a client tunnels to that host.
 * Two processes that make it at once keep whichever was written first.
 */
export class CertificateAuthority {
  #authority: Promise<Authority> | undefined;
  #leafKeys: Promise<{ privateKey: string; publicKey: string }> | undefined;
  readonly #contexts = new Map<string, Promise<SecureContext>>();

  constructor(readonly dir: string = defaultCaDir()) {}

  /** The path of the authority's certificate, made on first use. */
  async certificatePath(): Promise<string> {
    await this.#load();
    return join(this.dir, CERTIFICATE_FILE);
  }

  /** A TLS context that presents a certificate for `host`, signed by the authority. */
  contextFor(host: string): Promise<SecureContext> {
    let context = this.#contexts.get(host);
    if (!context) {
      context = this.#issue(host);
      context.catch(() => this.#contexts.delete(host));
      this.#contexts.set(host, context);
    }
    return context;
  }

  #load(): Promise<Authority> {
    this.#authority ??= this.#readOrCreate();
    this.#authority.catch(() => (this.#authority = undefined));
    return this.#authority;
  }

  async #readOrCreate(): Promise<Authority> {
    await loadForge();
    const keyFile = join(this.dir, KEY_FILE);
    let authority = existsSync(keyFile) ? this.#read(keyFile) : undefined;
    if (!authority || authority.certificate.validity.notAfter.getTime() < Date.now() + DAY_MS) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const made = await this.#create();
      const temporary = join(this.dir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
      writeFileSync(temporary, made, { mode: 0o600 });
      try {
        if (authority) rmSync(keyFile, { force: true }); // expired
        linkSync(temporary, keyFile); // fails when another process wrote one first: theirs is kept
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(temporary, { force: true });
      }
      authority = this.#read(keyFile);
    }
    const certificateFile = join(this.dir, CERTIFICATE_FILE);
    if (!existsSync(certificateFile) || readFileSync(certificateFile, 'utf8') !== authority.certificatePem) {
      const temporary = `${certificateFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(temporary, authority.certificatePem, { mode: 0o644 });
      renameSync(temporary, certificateFile);
    }
    return authority;
  }

  #read(keyFile: string): Authority {
    const text = readFileSync(keyFile, 'utf8');
    const [keyPem] = pemBlocks(text, 'RSA PRIVATE KEY');
    const [certificatePem] = pemBlocks(text, 'CERTIFICATE');
    if (!keyPem || !certificatePem) throw new Error(`${keyFile} does not hold a private key and a certificate; delete it to make a new authority`);
    return {
      certificate: forge.pki.certificateFromPem(certificatePem),
      certificatePem: `${certificatePem}\n`,
      key: signer(keyPem),
    };
  }

  /** A new authority's key and certificate, as the text of the key file. */
  async #create(): Promise<string> {
    const keys = await rsaKeys();
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
    certificate.serialNumber = serialNumber();
    const now = Date.now();
    certificate.validity.notBefore = new Date(now - DAY_MS);
    certificate.validity.notAfter = new Date(now + 3650 * DAY_MS);
    certificate.setSubject(AUTHORITY_NAME);
    certificate.setIssuer(AUTHORITY_NAME);
    certificate.setExtensions([
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    return keys.privateKey.trimEnd() + '\n' + sign(certificate, signer(keys.privateKey));
  }

  async #issue(host: string): Promise<SecureContext> {
    const authority = await this.#load();
    this.#leafKeys ??= rsaKeys();
    const keys = await this.#leafKeys;
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
    certificate.serialNumber = serialNumber();
    const now = Date.now();
    certificate.validity.notBefore = new Date(now - DAY_MS);
    certificate.validity.notAfter = new Date(Math.min(now + 365 * DAY_MS, authority.certificate.validity.notAfter.getTime()));
    certificate.setSubject([{ name: 'commonName', value: host }]);
    certificate.setIssuer(authority.certificate.subject.attributes);
    certificate.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: host }] },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: authority.certificate.generateSubjectKeyIdentifier().getBytes() },
    ]);
    return createSecureContext({ key: keys.privateKey, cert: sign(certificate, authority.key) + authority.certificatePem });
  }
}
