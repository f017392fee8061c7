{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert') }}
select id, name from {{ ref('stg_items') }}
