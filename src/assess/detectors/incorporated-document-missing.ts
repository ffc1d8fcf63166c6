/** incorporated-document-missing: a contract clause incorporates a document that is not among the inputs. */
import { incorporationDetector } from './incorporation.ts';

export const incorporatedDocumentMissing = incorporationDetector('incorporated-document-missing');
