import { fixturesOf } from '../kit.js';
import { invalidRequest } from './errors.js';

const MIN_BYTES = 34 * 1024;
const MAX_BYTES = 4 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of an uploaded image, held to ComplyCube's documented size range. */
export function decodeUpload(data: string, param = 'data'): Buffer {
  if (data.length % 4 !== 0 || !BASE64.test(data)) throw invalidRequest(`'${param}' must be BASE64 encoded`, param);
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
    throw invalidRequest('Image file size should be between 34KB and 4MB', param);
  }
  return bytes;
}

/** JPG or PNG, read from the file's first bytes; undefined for anything else. */
export function imageTypeOf(bytes: Buffer): 'image/jpg' | 'image/png' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

/** The documented content type of an attachment, from its file name (`image/jpg` as in the example). */
export function contentTypeOf(fileName: string): 'image/jpg' | 'image/png' | 'application/pdf' {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'png') return 'image/png';
  if (extension === 'pdf') return 'application/pdf';
  return 'image/jpg';
}

let sample: Buffer | undefined;
/**
 * The JPEG the document's upload examples send, read once: the bytes behind every seeded image and live photo,
 * and the image of a hosted flow's step the person attached nothing to.
 */
export const sampleImage = (): Buffer => (sample ??= fixturesOf('complycube').bytes('sample.jpg'));
