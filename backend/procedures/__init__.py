"""Applications: form data, card-read pre-fill, attachments, signature, receipts."""
