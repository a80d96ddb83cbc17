# Build stage: any Go 1.26 image; GOTOOLCHAIN makes the go command fetch and
# use Go 1.27.3 (the version in go.mod) from the module proxy.
FROM golang:1.26-bookworm AS build
ENV GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/helpdesk . && mkdir -p /out/pb_data

# Runtime stage: a small static image with CA certificates (Gemini and SMTP
# over TLS) running as a non-root user that owns the data volume.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/helpdesk /usr/local/bin/helpdesk
COPY --from=build --chown=65532:65532 /out/pb_data /pb_data
VOLUME /pb_data
EXPOSE 8090
# `helpdesk health` asks the server's /api/health (the image has no curl)
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/helpdesk", "health", "--url", "http://127.0.0.1:8090"]
ENTRYPOINT ["/usr/local/bin/helpdesk"]
CMD ["serve", "--http", "0.0.0.0:8090", "--dir", "/pb_data"]
