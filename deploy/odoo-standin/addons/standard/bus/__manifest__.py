# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'IM Bus',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['base', 'web'],
    'license': 'LGPL-3',
    'author': 'Odoo S.A.',
    'auto_install': True,
    'installable': True,
}
