#!/usr/bin/env bash
# Makes the certificate that encrypts the platform's key ring in the database (Keys:CertificatePath): a self-signed
# RSA certificate valid for 10 years, as keys.pfx protected by KEYS_CERTIFICATE_PASSWORD (from the environment or
# deploy/.env). Back it up apart from the database: the database without it cannot be read, and it without the
# database is useless.
set -euo pipefail
out="${1:-$(dirname "$0")/secrets}"
env_file="$(dirname "$0")/.env"
[ -z "${KEYS_CERTIFICATE_PASSWORD:-}" ] && [ -f "$env_file" ] && KEYS_CERTIFICATE_PASSWORD=$(sed -n 's/^KEYS_CERTIFICATE_PASSWORD=//p' "$env_file")
: "${KEYS_CERTIFICATE_PASSWORD:?set KEYS_CERTIFICATE_PASSWORD (or write it in deploy/.env)}"
mkdir -p "$out"; chmod 700 "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=SurveyPlatform key ring" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -out "$out/keys.pfx" -passout env:KEYS_CERTIFICATE_PASSWORD
chmod 600 "$out/keys.pfx"
echo "Wrote $out/keys.pfx. Keep a copy apart from the database backups."
