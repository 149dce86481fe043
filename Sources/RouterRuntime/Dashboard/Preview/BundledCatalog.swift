// Written by scripts/embed-catalog from routes/catalog.yaml. Do not edit.

/// The provider catalog the router was built with, for the routes preview.
enum BundledCatalog {
    static let yaml = ##"""
# The built-in provider catalog. A provider in routes.yaml that names `preset: ID` gets these
# values; anything the provider entry says itself wins. Facts from ../shared/PROVIDERS.md (2026).
#
#   protocol         anthropic (POST {base_url}/v1/messages) | openai (POST {base_url}/chat/completions)
#   auth             x-api-key | bearer | none | oauth
#   key_env          the environment variable read when the provider entry lists no keys
#   models           ids the provider serves, with max_output_tokens where known (requests asking
#                    for more are clamped) and a price; ids not listed still work, with a
#                    compile-time warning, and are unpriced (their usage lines say cost_usd: null)
#   price            US dollars per million tokens: input (uncached), output, cache_read,
#                    cache_write (or cache_write_multiplier × input), optionally reasoning (when
#                    billed apart from output); cache_read and cache_write default to input.
#                    tiers: [{above_input_tokens: N, ...rates}] replace the rates for prompts
#                    (input + cache reads + cache writes) longer than N; peak: {hours_utc,
#                    weekdays_only, ...rates} replace them during peak hours (the base rates are
#                    then the off-peak ones). routes.yaml overrides a price per provider model.
#   quirks           translator flags (see Sources/RouteModel/Table/ProviderQuirks.swift)
#   thinking         how extended thinking is switched on upstream (OpenAI-protocol providers)
#   reject_betas     anthropic-beta values the upstream rejects ("*": send none)
#   vision           false marks a model that cannot read images: a request carrying one skips
#                    it for a vision-capable member, or fails with a clear 400 (default: true)
#
# Caps marked "uncertain" could not be confirmed from public docs; override them per provider.
#
# Prices were looked up on 2026-12-07: on the provider's public price page named above each preset,
# or, where only excerpts of it could be found, in model catalogs quoting it (sim.ai, OpenRouter,
# LiteLLM, promptfoo); they are list prices in USD for pay-as-you-go API keys. Not modelled, on purpose: batch and
# priority rates, coding plans and other subscriptions, 1-hour Anthropic cache writes (billed here
# as 5-minute writes), free quotas, promotions, and taxes. Providers that bill in CNY (the
# mainland endpoints of Zhipu, DashScope, Moonshot, MiniMax, SiliconFlow, Ark) carry the
# international USD price or a conversion at 7.2 CNY/USD: a simplification, said where it applies.
# "price uncertain" marks a price that could not be confirmed on the provider's own page.
version: 1
presets:
  anthropic:
    protocol: anthropic
    base_url: https://api.anthropic.com
    auth: x-api-key
    key_env: ANTHROPIC_API_KEY
    # platform.claude.com/docs/en/about-claude/pricing: cache writes 1.25 × input (5 minutes),
    # cache hits 0.1 × input. Sonnet 4.5 prompts over 200K tokens (1M context) bill at the
    # long-context rates.
    models:
      claude-sonnet-4-5:
        max_output_tokens: 64000
        price:
          input: 3
          output: 15
          cache_read: 0.3
          cache_write_multiplier: 1.25
          tiers:
            - {above_input_tokens: 200000, input: 6, output: 22.5, cache_read: 0.6}
      claude-haiku-4-5: {max_output_tokens: 64000, price: {input: 1, output: 5, cache_read: 0.1, cache_write_multiplier: 1.25}}
      claude-opus-4-1: {max_output_tokens: 32000, price: {input: 15, output: 75, cache_read: 1.5, cache_write_multiplier: 1.25}}
    quirks: [keep_billing_header]

  zhipu-anthropic:
    protocol: anthropic
    base_url: https://open.bigmodel.cn/api/anthropic
    auth: x-api-key
    key_env: GLM_API_KEY
    # Simplification: open.bigmodel.cn bills in CNY with input-length tiers; these are Z.ai's
    # USD prices of the same models (docs.z.ai/guides/overview/pricing).
    models:
      glm-4.6: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}
      glm-4.5-air: {max_output_tokens: 98304, price: {input: 0.2, output: 1.1, cache_read: 0.03}, vision: false}
      glm-4.7: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}   # cache_read price uncertain
      glm-5: {max_output_tokens: 131072, price: {input: 1, output: 3.2, cache_read: 0.2}, vision: false}     # cap uncertain; cache_read price uncertain
    quirks: [system_role_rejected]
    reject_betas: ["*"]

  zai-anthropic:
    protocol: anthropic
    base_url: https://api.z.ai/api/anthropic
    auth: x-api-key
    key_env: ZAI_API_KEY
    # docs.z.ai/guides/overview/pricing (USD). Cache writes are not billed apart (implicit
    # cache): billed as input.
    models:
      glm-4.6: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}
      glm-4.5-air: {max_output_tokens: 98304, price: {input: 0.2, output: 1.1, cache_read: 0.03}, vision: false}
      glm-4.7: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}   # cache_read price uncertain
      glm-5: {max_output_tokens: 131072, price: {input: 1, output: 3.2, cache_read: 0.2}, vision: false}     # cap uncertain; cache_read price uncertain
    quirks: [system_role_rejected]
    reject_betas: ["*"]

  zhipu:
    protocol: openai
    base_url: https://open.bigmodel.cn/api/paas/v4     # coding plan: /api/coding/paas/v4
    auth: bearer
    key_env: GLM_API_KEY
    # Simplification: open.bigmodel.cn bills in CNY with input-length tiers; these are Z.ai's
    # USD prices of the same models (docs.z.ai/guides/overview/pricing).
    models:
      glm-4.6: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}
      glm-4.5-air: {max_output_tokens: 98304, price: {input: 0.2, output: 1.1, cache_read: 0.03}, vision: false}
      glm-4.7: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}   # cache_read price uncertain
      glm-5: {max_output_tokens: 131072, price: {input: 1, output: 3.2, cache_read: 0.2}, vision: false}     # cap uncertain; cache_read price uncertain
    thinking: thinking_type
    quirks: [tool_stream, top_p_below_one]

  zai:
    protocol: openai
    base_url: https://api.z.ai/api/paas/v4
    auth: bearer
    key_env: ZAI_API_KEY
    # docs.z.ai/guides/overview/pricing (USD). Cache writes are not billed apart (implicit
    # cache): billed as input.
    models:
      glm-4.6: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}
      glm-4.5-air: {max_output_tokens: 98304, price: {input: 0.2, output: 1.1, cache_read: 0.03}, vision: false}
      glm-4.7: {max_output_tokens: 131072, price: {input: 0.6, output: 2.2, cache_read: 0.11}, vision: false}   # cache_read price uncertain
      glm-5: {max_output_tokens: 131072, price: {input: 1, output: 3.2, cache_read: 0.2}, vision: false}     # cap uncertain; cache_read price uncertain
    thinking: thinking_type
    quirks: [tool_stream, top_p_below_one]

  minimax:
    protocol: anthropic
    base_url: https://api.minimax.io/anthropic
    auth: x-api-key
    key_env: MINIMAX_API_KEY
    # platform.minimax.io/docs/guides/pricing-paygo (USD, standard tier).
    models:
      MiniMax-M2: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.03, cache_write: 0.375}, vision: false}     # cap uncertain
      MiniMax-M2.5: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.03, cache_write: 0.375}, vision: false}   # cap uncertain
      MiniMax-M2.7: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.06, cache_write: 0.375}, vision: false}   # cap uncertain
    quirks: [system_role_rejected, tool_choice_auto_none_only]
    reject_betas: ["*"]

  minimax-cn:
    protocol: anthropic
    base_url: https://api.minimaxi.com/anthropic
    auth: x-api-key
    key_env: MINIMAX_API_KEY
    # Simplification: api.minimaxi.com bills in CNY; these are the international USD prices
    # (platform.minimax.io/docs/guides/pricing-paygo).
    models:
      MiniMax-M2: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.03, cache_write: 0.375}, vision: false}     # cap uncertain
      MiniMax-M2.5: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.03, cache_write: 0.375}, vision: false}   # cap uncertain
      MiniMax-M2.7: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.06, cache_write: 0.375}, vision: false}   # cap uncertain
    quirks: [system_role_rejected, tool_choice_auto_none_only]
    reject_betas: ["*"]

  minimax-openai:
    protocol: openai
    base_url: https://api.minimax.io/v1     # CN: https://api.minimaxi.com/v1
    auth: bearer
    key_env: MINIMAX_API_KEY
    # platform.minimax.io/docs/guides/pricing-paygo (USD, standard tier). The CN host bills in
    # CNY: a simplification.
    models:
      MiniMax-M2: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.03, cache_write: 0.375}, vision: false}     # cap uncertain
      MiniMax-M2.5: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.03, cache_write: 0.375}, vision: false}   # cap uncertain
      MiniMax-M2.7: {max_output_tokens: 131072, price: {input: 0.3, output: 1.2, cache_read: 0.06, cache_write: 0.375}, vision: false}   # cap uncertain
    quirks: [reasoning_split, temperature_open_unit]

  modelscope:
    protocol: openai
    base_url: https://api-inference.modelscope.cn/v1
    auth: bearer
    key_env: MODELSCOPE_API_KEY
    # ModelScope API-Inference is free within a daily quota (modelscope.cn/docs/model-
    # service/API-Inference/intro):
    # priced at zero so its usage shows as free rather than unknown.
    models:
      Qwen/Qwen3-Coder-480B-A35B-Instruct: {max_output_tokens: 65536, price: {input: 0, output: 0}, vision: false}   # cap uncertain
      ZhipuAI/GLM-5.2: {max_output_tokens: 131072, price: {input: 0, output: 0}, vision: false}                       # cap uncertain
    thinking: enable_thinking
    quirks: [thinking_requires_stream]

  dashscope:
    protocol: openai
    base_url: https://dashscope.aliyuncs.com/compatible-mode/v1
    auth: bearer
    key_env: DASHSCOPE_API_KEY
    # Simplification: the Beijing endpoint bills in CNY (lower than these); these are the
    # international USD prices (alibabacloud.com/help/en/model-studio/models), qwen3-coder-
    # plus upper tiers and qwen3-vl-plus uncertain.
    # Input-length tiers as published; cache_read is the implicit cache's 20 % of input. qwen-plus
    # output is its non-thinking rate (thinking output costs more: a simplification).
    models:
      qwen3-coder-plus:
        vision: false
        max_output_tokens: 65536
        price:
          input: 1
          output: 5
          cache_read: 0.2
          tiers:
            - {above_input_tokens: 32000, input: 1.8, output: 9, cache_read: 0.36}
            - {above_input_tokens: 128000, input: 3, output: 15, cache_read: 0.6}
            - {above_input_tokens: 256000, input: 6, output: 60, cache_read: 1.2}
      qwen3-max:
        vision: false
        max_output_tokens: 65536     # uncertain
        price:
          input: 1.2
          output: 6
          cache_read: 0.24
          tiers:
            - {above_input_tokens: 32000, input: 2.4, output: 12, cache_read: 0.48}
            - {above_input_tokens: 128000, input: 3, output: 15, cache_read: 0.6}
      qwen-plus:
        vision: false
        max_output_tokens: 32768
        price:
          input: 0.4
          output: 1.2
          cache_read: 0.08
          tiers:
            - {above_input_tokens: 256000, input: 1.2, output: 3.6, cache_read: 0.24}
      qwen3-vl-plus:
        max_output_tokens: 32768     # uncertain
        price:
          input: 0.2
          output: 1.6
          cache_read: 0.04
          tiers:
            - {above_input_tokens: 32000, input: 0.3, output: 2.4, cache_read: 0.06}
            - {above_input_tokens: 128000, input: 0.6, output: 4.8, cache_read: 0.12}
    thinking: enable_thinking
    quirks: [thinking_forbids_tool_choice, thinking_requires_stream, enable_search]

  dashscope-intl:
    protocol: openai
    base_url: https://dashscope-intl.aliyuncs.com/compatible-mode/v1
    auth: bearer
    key_env: DASHSCOPE_API_KEY
    # alibabacloud.com/help/en/model-studio/models (international, USD); qwen3-coder-plus
    # upper tiers and qwen3-vl-plus price uncertain.
    # Input-length tiers as published; cache_read is the implicit cache's 20 % of input. qwen-plus
    # output is its non-thinking rate (thinking output costs more: a simplification).
    models:
      qwen3-coder-plus:
        vision: false
        max_output_tokens: 65536
        price:
          input: 1
          output: 5
          cache_read: 0.2
          tiers:
            - {above_input_tokens: 32000, input: 1.8, output: 9, cache_read: 0.36}
            - {above_input_tokens: 128000, input: 3, output: 15, cache_read: 0.6}
            - {above_input_tokens: 256000, input: 6, output: 60, cache_read: 1.2}
      qwen3-max:
        vision: false
        max_output_tokens: 65536     # uncertain
        price:
          input: 1.2
          output: 6
          cache_read: 0.24
          tiers:
            - {above_input_tokens: 32000, input: 2.4, output: 12, cache_read: 0.48}
            - {above_input_tokens: 128000, input: 3, output: 15, cache_read: 0.6}
      qwen-plus:
        vision: false
        max_output_tokens: 32768
        price:
          input: 0.4
          output: 1.2
          cache_read: 0.08
          tiers:
            - {above_input_tokens: 256000, input: 1.2, output: 3.6, cache_read: 0.24}
      qwen3-vl-plus:
        max_output_tokens: 32768     # uncertain
        price:
          input: 0.2
          output: 1.6
          cache_read: 0.04
          tiers:
            - {above_input_tokens: 32000, input: 0.3, output: 2.4, cache_read: 0.06}
            - {above_input_tokens: 128000, input: 0.6, output: 4.8, cache_read: 0.12}
    thinking: enable_thinking
    quirks: [thinking_forbids_tool_choice, thinking_requires_stream, enable_search]

  dashscope-anthropic:
    protocol: anthropic
    base_url: https://dashscope.aliyuncs.com/apps/anthropic   # coding plan: https://coding.dashscope.aliyuncs.com/apps/anthropic
    auth: x-api-key
    key_env: DASHSCOPE_API_KEY
    # Simplification: the Beijing endpoint bills in CNY (lower than these); these are the
    # international USD prices (alibabacloud.com/help/en/model-studio/models), qwen3-coder-
    # plus upper tiers and qwen3-vl-plus uncertain.
    # Input-length tiers as published; cache_read is the implicit cache's 20 % of input. qwen-plus
    # output is its non-thinking rate (thinking output costs more: a simplification).
    models:
      qwen3-coder-plus:
        vision: false
        max_output_tokens: 65536
        price:
          input: 1
          output: 5
          cache_read: 0.2
          tiers:
            - {above_input_tokens: 32000, input: 1.8, output: 9, cache_read: 0.36}
            - {above_input_tokens: 128000, input: 3, output: 15, cache_read: 0.6}
            - {above_input_tokens: 256000, input: 6, output: 60, cache_read: 1.2}
      qwen3-max:
        vision: false
        max_output_tokens: 65536     # uncertain
        price:
          input: 1.2
          output: 6
          cache_read: 0.24
          tiers:
            - {above_input_tokens: 32000, input: 2.4, output: 12, cache_read: 0.48}
            - {above_input_tokens: 128000, input: 3, output: 15, cache_read: 0.6}
      qwen-plus:
        vision: false
        max_output_tokens: 32768
        price:
          input: 0.4
          output: 1.2
          cache_read: 0.08
          tiers:
            - {above_input_tokens: 256000, input: 1.2, output: 3.6, cache_read: 0.24}
    quirks: [system_role_rejected]
    reject_betas: ["*"]

  qwen-code:
    protocol: openai
    base_url: https://portal.qwen.ai/v1     # replaced by the token's resource_url after login
    auth: oauth
    # No per-token price: the account's plan pays (free tier ended 2026-04); usage lines say
    # cost_usd: null. Give a price in routes.yaml if your plan has one.
    models:
      coder-model: {max_output_tokens: 65536, vision: false}       # uncertain
      qwen3-coder-plus: {max_output_tokens: 65536, vision: false}
    oauth:
      flow: device
      device_url: https://chat.qwen.ai/api/v1/oauth2/device/code
      token_url: https://chat.qwen.ai/api/v1/oauth2/token
      client_id: f0304373b74a44d2b584a3fb70ca9e56
      scopes: [openid, profile, email, model.completion]
      pkce: true
    notes: free tier ended 2026-04; what remains is uncertain

  moonshot:
    protocol: openai
    base_url: https://api.moonshot.cn/v1
    auth: bearer
    key_env: MOONSHOT_API_KEY
    # Simplification: api.moonshot.cn bills in CNY; these are platform.moonshot.ai's USD
    # prices (cache hit = cache_read).
    models:
      kimi-k2.5: {max_output_tokens: 32768, price: {input: 0.6, output: 3, cache_read: 0.1}}          # cap uncertain; output and cache_read prices uncertain
      kimi-k2-thinking: {max_output_tokens: 32768, price: {input: 0.6, output: 2.5, cache_read: 0.15}, vision: false}   # cap uncertain
    quirks: [reasoning_roundtrip]

  moonshot-anthropic:
    protocol: anthropic
    base_url: https://api.moonshot.cn/anthropic
    auth: x-api-key
    key_env: MOONSHOT_API_KEY
    # Simplification: api.moonshot.cn bills in CNY; these are platform.moonshot.ai's USD
    # prices (cache hit = cache_read).
    models:
      kimi-k2.5: {max_output_tokens: 32768, price: {input: 0.6, output: 3, cache_read: 0.1}}          # cap uncertain; output and cache_read prices uncertain
      kimi-k2-thinking: {max_output_tokens: 32768, price: {input: 0.6, output: 2.5, cache_read: 0.15}, vision: false}   # cap uncertain
    quirks: [system_role_rejected]
    reject_betas: ["*"]

  deepseek:
    protocol: openai
    base_url: https://api.deepseek.com
    auth: bearer
    key_env: DEEPSEEK_API_KEY
    # api-docs.deepseek.com/quick_start/pricing (USD, prices in force since 2026-08-16).
    # Peak hours are 09:00-12:00 and 14:00-18:00 Beijing time on weekdays (01:00-04:00 and
    # 06:00-10:00
    # UTC); other hours and weekends are off-peak at half price. Chinese public holidays are
    # off-peak too, but are billed here at weekday rates: a simplification. deepseek-v4-flash is
    # the legacy name now served by V4.1 Flash at the Flash price.
    models:
      deepseek-v4-flash:
        vision: false     # uncertain
        max_output_tokens: 65536     # uncertain
        price:
          input: 0.15
          output: 0.6
          cache_read: 0.003
          peak: {hours_utc: ["01:00-04:00", "06:00-10:00"], weekdays_only: true, input: 0.3, output: 1.2, cache_read: 0.006}
      deepseek-v4-pro:
        vision: false     # uncertain
        max_output_tokens: 65536     # uncertain
        price:
          input: 0.66
          output: 1.98
          cache_read: 0.022
          peak: {hours_utc: ["01:00-04:00", "06:00-10:00"], weekdays_only: true, input: 1.32, output: 3.96, cache_read: 0.044}
    thinking: thinking_type
    quirks: [reasoning_roundtrip]

  deepseek-anthropic:
    protocol: anthropic
    base_url: https://api.deepseek.com/anthropic
    auth: x-api-key
    key_env: DEEPSEEK_API_KEY
    # api-docs.deepseek.com/quick_start/pricing (USD, prices in force since 2026-08-16).
    # Peak hours are 09:00-12:00 and 14:00-18:00 Beijing time on weekdays (01:00-04:00 and
    # 06:00-10:00
    # UTC); other hours and weekends are off-peak at half price. Chinese public holidays are
    # off-peak too, but are billed here at weekday rates: a simplification. deepseek-v4-flash is
    # the legacy name now served by V4.1 Flash at the Flash price.
    models:
      deepseek-v4-flash:
        vision: false     # uncertain
        max_output_tokens: 65536     # uncertain
        price:
          input: 0.15
          output: 0.6
          cache_read: 0.003
          peak: {hours_utc: ["01:00-04:00", "06:00-10:00"], weekdays_only: true, input: 0.3, output: 1.2, cache_read: 0.006}
      deepseek-v4-pro:
        vision: false     # uncertain
        max_output_tokens: 65536     # uncertain
        price:
          input: 0.66
          output: 1.98
          cache_read: 0.022
          peak: {hours_utc: ["01:00-04:00", "06:00-10:00"], weekdays_only: true, input: 1.32, output: 3.96, cache_read: 0.044}
    quirks: [system_role_rejected]
    reject_betas: ["*"]

  openrouter:
    protocol: openai
    base_url: https://openrouter.ai/api/v1
    auth: bearer
    key_env: OPENROUTER_API_KEY
    # openrouter.ai/models (USD): OpenRouter's price depends on the upstream it picks; these are the
    # models' listed starting prices, a simplification, and uncertain for kimi-k2 and qwen3-coder.
    models:
      z-ai/glm-4.6: {price: {input: 0.4, output: 1.75}, vision: false}
      moonshotai/kimi-k2: {price: {input: 0.5, output: 2.4}, vision: false}        # price uncertain
      qwen/qwen3-coder: {price: {input: 0.22, output: 0.95}, vision: false}        # price uncertain
    quirks: [accepts_user]
    oauth:                       # `auth: oauth` on the provider: a PKCE login that yields a key
      flow: authorization_code
      authorize_url: https://openrouter.ai/auth
      token_url: https://openrouter.ai/api/v1/auth/keys
      pkce: true

  openrouter-anthropic:
    protocol: anthropic
    base_url: https://openrouter.ai/api
    auth: bearer
    key_env: OPENROUTER_API_KEY
    # openrouter.ai/models (USD), as for the openrouter preset; Claude at Anthropic's list price.
    models:
      z-ai/glm-4.6: {price: {input: 0.4, output: 1.75}, vision: false}
      moonshotai/kimi-k2: {price: {input: 0.5, output: 2.4}, vision: false}        # price uncertain
      anthropic/claude-sonnet-4.5: {price: {input: 3, output: 15, cache_read: 0.3, cache_write_multiplier: 1.25}}

  siliconflow:
    protocol: openai
    base_url: https://api.siliconflow.cn/v1     # international: https://api.siliconflow.com/v1
    auth: bearer
    key_env: SILICONFLOW_API_KEY
    # siliconflow.cn/pricing bills in CNY: converted at 7.2 CNY/USD, a simplification; price
    # uncertain.
    models:
      deepseek-ai/DeepSeek-V3.2: {max_output_tokens: 32768, price: {input: 0.277778, output: 0.416667}, vision: false}   # cap and price uncertain
      zai-org/GLM-4.6: {max_output_tokens: 131072, price: {input: 0.486111, output: 1.944444}, vision: false}             # cap and price uncertain
    thinking: enable_thinking

  ark:
    protocol: openai
    base_url: https://ark.cn-beijing.volces.com/api/v3
    auth: bearer
    key_env: ARK_API_KEY
    # volcengine.com/docs/82379 bills in CNY by input length: converted at 7.2 CNY/USD, a
    # simplification; price uncertain.
    models:
      doubao-seed-1-6-251015:
        max_output_tokens: 32768     # uncertain
        price:
          input: 0.111111
          output: 1.111111
          cache_read: 0.022222
          tiers:
            - {above_input_tokens: 32000, input: 0.166667, output: 2.222222, cache_read: 0.022222}
            - {above_input_tokens: 128000, input: 0.333333, output: 3.333333, cache_read: 0.022222}
    thinking: thinking_type

  gemini-openai:
    protocol: openai
    base_url: https://generativelanguage.googleapis.com/v1beta/openai
    auth: bearer
    key_env: GEMINI_API_KEY
    # ai.google.dev/gemini-api/docs/pricing (USD, paid tier): 2.5 Pro prompts over 200K tokens bill
    # at the higher rates. Context-cache storage per hour is not modelled. Launch prices, not
    # re-confirmed for 2026: uncertain.
    models:
      gemini-2.5-pro:
        max_output_tokens: 65536
        price:
          input: 1.25
          output: 10
          cache_read: 0.125
          tiers:
            - {above_input_tokens: 200000, input: 2.5, output: 15, cache_read: 0.25}
      gemini-2.5-flash: {max_output_tokens: 65536, price: {input: 0.3, output: 2.5, cache_read: 0.03}}
    thinking: reasoning_effort

  openai:
    protocol: openai
    base_url: https://api.openai.com/v1
    auth: bearer
    key_env: OPENAI_API_KEY
    # openai.com/api/pricing (USD, standard tier): cached input is 0.1 × input; reasoning tokens
    # are output tokens. Launch prices of the GPT-5 family, not re-confirmed for 2026: uncertain.
    models:
      gpt-5: {max_output_tokens: 128000, price: {input: 1.25, output: 10, cache_read: 0.125}}
      gpt-5-mini: {max_output_tokens: 128000, price: {input: 0.25, output: 2, cache_read: 0.025}}
      gpt-5-codex: {max_output_tokens: 128000, price: {input: 1.25, output: 10, cache_read: 0.125}}
    thinking: reasoning_effort
    quirks: [max_completion_tokens, accepts_user, prompt_cache_key]

  ollama:
    protocol: openai
    base_url: http://127.0.0.1:11434/v1
    auth: none
    # A local model: free.
    models:
      qwen3-coder:30b: {price: {input: 0, output: 0}}
    quirks: [no_stream_options]
"""##
}
